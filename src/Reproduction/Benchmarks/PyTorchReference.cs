using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// Runs benchmarks/train_steps_pytorch.py, the same training loop in PyTorch eager on the same
/// libtorch (Debian's python3-torch), and reads its one-line JSON answer.
/// </summary>
public static class PyTorchReference
{
    public const string Python = "/usr/bin/python3";

    public sealed record Measurement(string Engine, int Threads, double StepsPerSecond);

    /// <param name="model">The script's model arguments, e.g. ["--model", "report004", "--hidden", "512"].</param>
    /// <returns>The measurement, or an explanation of why none could be taken.</returns>
    public static (Measurement? Result, string? Problem) Run(IReadOnlyList<string> model, int batch, int steps, int warmUp, int threads)
    {
        var script = Path.Combine(RepositoryPaths.Root, "benchmarks", "train_steps_pytorch.py");
        if (!File.Exists(Python)) return (null, $"{Python} not found: install Debian's python3-torch to compare with PyTorch.");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { script, "--batch", $"{batch}", "--steps", $"{steps}", "--warmup", $"{warmUp}", "--threads", $"{threads}" }.Concat(model))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            return (null, $"the PyTorch loop failed (exit {process.ExitCode}): {error.Trim().Split('\n').LastOrDefault()}");
        var json = JsonNode.Parse(output.Trim().Split('\n').Last())!;
        return (new Measurement((string)json["engine"]!, (int)json["threads"]!, (double)json["steps_per_second"]!), null);
    }
}
