using System.Diagnostics;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro` as a user runs it, in a scratch repository root (an empty Repro.sln, so its artifacts/, run cache and
/// checkpoints are its own), offline and without colours.
/// </summary>
/// <param name="launcher">
/// Starts repro with the given arguments (the working directory, redirection and REPRO_OFFLINE are set afterwards);
/// by default `dotnet repro.dll` of this build, in this process's environment.
/// </param>
internal sealed class ReproProcess(string parent, string name, Func<IEnumerable<string>, ProcessStartInfo>? launcher = null)
{
    public string Root { get; } = CreateRoot(Path.Combine(parent, name));

    private static string CreateRoot(string root)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Repro.sln"), "");
        return root;
    }

    private static ProcessStartInfo DotnetRepro(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "repro.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    public string Artifacts => Path.Combine(Root, "artifacts");

    public string RunCache => Path.Combine(Artifacts, "cache", "runs");

    /// <summary>Runs repro with <paramref name="arguments"/> to its end (at most 5 minutes); its exit code and everything it printed.</summary>
    public (int Code, string Output) Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = (launcher ?? DotnetRepro)(arguments);
        start.WorkingDirectory = Root;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["REPRO_OFFLINE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        // Read as it comes, so a full pipe never blocks the run.
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        // Plain text: what a test searches is not split by colour and bold codes.
        lock (output) return (process.ExitCode, System.Text.RegularExpressions.Regex.Replace(output.ToString(), "\x1b\\[[0-9;]*m", ""));
    }
}
