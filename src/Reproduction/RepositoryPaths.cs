namespace Repro.Reproduction;

/// <summary>
/// Well-known folders of the repository. The root is found by walking up from the current
/// directory to the folder holding Repro.sln, so `repro` and the tests work from any sub-folder
/// (tests run from their bin folder) without a configured path.
/// </summary>
public static class RepositoryPaths
{
    private const string Marker = "Repro.sln";

    /// <summary>The folder containing Repro.sln.</summary>
    /// <exception cref="InvalidOperationException">No ancestor of the current directory holds Repro.sln.</exception>
    public static string Root => FindRoot(Directory.GetCurrentDirectory());

    /// <summary>baselines/: the committed *.verified.json files (and transient *.received.json).</summary>
    public static string Baselines => Path.Combine(Root, "baselines");

    /// <summary>artifacts/: everything generated, never committed.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>artifacts/results/&lt;id&gt;: the output folder of one experiment.</summary>
    public static string Results(string experimentId) => Path.Combine(Artifacts, "results", experimentId);

    /// <summary>artifacts/results/&lt;id&gt;/result.json: the file the gate reads.</summary>
    public static string ResultJson(string experimentId) => Path.Combine(Results(experimentId), "result.json");

    internal static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the repository root: no folder from '{start}' upwards contains {Marker}. " +
            "Run repro from inside the repository, or pass the folder explicitly (e.g. --baselines).");
    }
}
