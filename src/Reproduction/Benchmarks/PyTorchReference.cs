using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// Runs benchmarks/train_steps_pytorch.py, the same training loop in PyTorch eager on the same
/// libtorch (Debian's python3-torch on the CPU; the PyTorch whose libtorch the shim was built against
/// on a GPU machine), and reads its one-line JSON answer.
/// </summary>
public static class PyTorchReference
{
    /// <summary>Debian's Python, whose python3-torch is the libtorch the shim is built against by default.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    public sealed record Measurement(string Engine, int Threads, double StepsPerSecond);

    /// <param name="model">The script's model arguments, e.g. ["--model", "report004", "--hidden", "512"].</param>
    /// <param name="device">"cpu" or "cuda": where the script trains (with the same determinism settings as Repro on CUDA).</param>
    /// <param name="python">The Python whose torch package to time.</param>
    /// <returns>The measurement, or an explanation of why none could be taken.</returns>
    public static (Measurement? Result, string? Problem) Run(IReadOnlyList<string> model, int batch, int steps, int warmUp, int threads, string device, string python)
    {
        var script = Path.Combine(RepositoryPaths.Root, "benchmarks", "train_steps_pytorch.py");
        if (Path.IsPathRooted(python) && !File.Exists(python)) return (null, $"{python} not found: install Debian's python3-torch, or give --python the Python of a PyTorch installation, to compare with PyTorch.");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { script, "--batch", $"{batch}", "--steps", $"{steps}", "--warmup", $"{warmUp}", "--threads", $"{threads}", "--device", device }.Concat(model))
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"{python} could not be started ({e.Message}): give --python the full path of a Python with torch.");
        }

        using var _ = process;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            return (null, $"the PyTorch loop failed (exit {process.ExitCode}): {error.Trim().Split('\n').LastOrDefault()}");
        var json = JsonNode.Parse(output.Trim().Split('\n').Last())!;
        return (new Measurement((string)json["engine"]!, (int)json["threads"]!, (double)json["steps_per_second"]!), null);
    }
}
