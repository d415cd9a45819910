using System.Diagnostics;
using System.Runtime.InteropServices;
using Repro.Reproduction.Engine;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Results;

/// <summary>
/// What a result depends on besides the experiment: the engine that made its numbers (the part
/// that decides their bits), and what else a reader needs to repeat it: commit, libtorch's full
/// build text, processor name, operating system, .NET and the determinism switches.
/// </summary>
public sealed record RunEnvironment(
    EngineFingerprint Engine,
    string GitCommit,
    bool GitDirty,
    string TorchBuildConfig,
    string TorchParallelInfo,
    string ProcessorName,
    int LogicalCores,
    string OperatingSystem,
    string DotnetVersion,
    Torch.Determinism Determinism,
    string? CublasWorkspaceConfig)
{
    public static RunEnvironment Capture(EngineFingerprint engine) => new(
        engine,
        Git("rev-parse HEAD") ?? "unknown (not a git checkout)",
        !string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no")),
        build_config.Trim(),
        parallel_info.Trim(),
        ProcessorIdentity.ModelName(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        backends.determinism(),
        Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG"));

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
