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

    /// <summary>artifacts/results: every result, by device class and profile.</summary>
    public static string ResultsRoot => Path.Combine(Artifacts, "results");

    /// <summary>&lt;root&gt;/&lt;device&gt;/&lt;profile&gt;/&lt;id&gt;/result.json: the file the gate and the reproduction table read.</summary>
    public static string ResultJson(string root, string device, string profile, string experimentId) =>
        Path.Combine(root, device, profile, experimentId, "result.json");

    /// <summary>baselines/&lt;device&gt;/&lt;profile&gt;: the verified files of one device class and profile.</summary>
    public static string BaselineFolder(string device, string profile) => Path.Combine(Baselines, device, profile);

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
