using System.Diagnostics;
using System.Runtime.InteropServices;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Results;

/// <summary>What a result depends on besides the experiment: code version, engine, machine and threads.</summary>
public sealed record RunEnvironment(
    string GitCommit,
    bool GitDirty,
    string TorchVersion,
    string TorchBuildConfig,
    string TorchParallelInfo,
    string Device,
    int Threads,
    string Processor,
    int LogicalCores,
    string OperatingSystem,
    string DotnetVersion,
    Torch.Determinism Determinism,
    string? CublasWorkspaceConfig)
{
    public static RunEnvironment Capture(string device) => new(
        Git("rev-parse HEAD") ?? "unknown (not a git checkout)",
        !string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no")),
        __version__,
        build_config.Trim(),
        parallel_info.Trim(),
        device,
        get_num_threads(),
        ProcessorName(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        backends.determinism(),
        Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG"));

    private static string ProcessorName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name")) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
