using System.CommandLine;
using Repro.Reproduction.Benchmarks;
using Repro.Reproduction.Runs;
using Repro.Torch;
using Spectre.Console;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro bench`: training steps per second of the reports' models on the CPU or a GPU, next to the same
/// loop in PyTorch eager on the same libtorch and device, as a ratio (above 1: Repro is faster); and the
/// arithmetic rate that makes (a step's work is counted as three forward passes, 2 FLOP per
/// multiply-accumulate: forward, the input gradient and the weight gradient) against the rate of a
/// large matrix product on the same device.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Timed training steps per model.", DefaultValueFactory = _ => 200 };
        var warmUp = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 20 };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads for both engines (default: libtorch's choice)." };
        var only = new Option<string[]>("--case")
        {
            Description = $"Only these cases ({string.Join(", ", BenchmarkCase.All.Select(c => c.Name))}); default: the first two.", AllowMultipleArgumentsPerToken = true,
        };
        var device = new Option<string>("--device")
        {
            Description = "cpu, cuda, or auto (CUDA when this libtorch sees a GPU); both engines train there, with the run settings (deterministic, TF32 off).",
            DefaultValueFactory = _ => "cpu",
        };
        var batch = new Option<int?>("--batch") { Description = "Batch size for every case (default: each case's report's)." };
        var skipPyTorch = new Option<bool>("--no-pytorch") { Description = "Time Repro only (e.g. a long memory run)." };
        var python = new Option<string>("--python") { Description = "The Python whose PyTorch to compare with.", DefaultValueFactory = _ => PyTorchReference.DefaultPython };
        var sampleEvery = new Option<int>("--memory-every") { Description = "Print memory every N timed steps (0: only before and after)." };
        var command = new Command("bench", "Training steps per second, Repro against PyTorch eager on the same libtorch and device, and memory across the timed steps.")
        {
            steps, warmUp, threads, only, device, batch, skipPyTorch, python, sampleEvery,
        };
        command.SetAction(parse => Run(parse.GetValue(steps), parse.GetValue(warmUp), parse.GetValue(threads), parse.GetValue(only) ?? [], parse.GetValue(device)!,
            parse.GetValue(batch), parse.GetValue(skipPyTorch) ? null : parse.GetValue(python)!, parse.GetValue(sampleEvery)));
        return command;
    }

    private static int Run(int steps, int warmUp, int? threads, string[] only, string deviceName, int? batch, string? python, int sampleEvery)
    {
        if (batch < 1) return CliErrors.Report($"--batch must be at least 1, got {batch}.");
        if (!BenchmarkSelection.TryResolve(only, deviceName, out var selected, out var device)) return 1;

        if (threads is { } n) set_num_threads(n);
        device.Prepare(allowTf32: false);
        // Both engines use this libtorch and this BLAS: name them, since the BLAS alone moves the speed by half.
        var engine = Engine.EngineFingerprint.Current(device.DeviceClass);
        AnsiConsole.MarkupLineInterpolated($"libtorch {engine.Libtorch}, CPU capability {engine.CpuCapability}, BLAS {engine.Blas}, {engine.Processor}, device {engine.Device}");
        var clock = new DeviceClock(device.Device);
        var peak = PeakThroughput.GigaflopsPerSecond(clock);
        var size = PeakThroughput.Size(device.Device);
        var where = device.Device.type == DeviceType.CUDA ? $"on {device.DeviceClass}, TF32 off" : $"{get_num_threads()} thread(s)";
        AnsiConsole.MarkupLineInterpolated($"peak: {peak:F1} GFLOP/s (a {size}×{size} float32 matrix product in libtorch, {where})");
        var table = new Table().AddColumns("model", "batch", "threads", "Repro steps/s", "PyTorch steps/s", "ratio", "Repro GFLOP/s", "of peak", $"{clock.MemoryName} before → after");
        var failedComparisons = 0;
        foreach (var c in selected)
        {
            var training = batch is { } chosen ? c.Training with { BatchSize = chosen } : c.Training;
            var repro = StepBenchmark.Run(c.Layers, c.Input, training, clock, steps, warmUp, sampleEvery,
                (done, megabytes) => AnsiConsole.MarkupLineInterpolated($"  {c.Name}: {done} steps, {clock.MemoryName} {megabytes:F1}"));
            var (pytorch, problem) = python is null || c.PyTorchModel is null
                ? (null, null)
                : PyTorchReference.Run(c.PyTorchModel, training.BatchSize, steps, warmUp, get_num_threads(), device.Device.type == DeviceType.CUDA ? "cuda" : "cpu", python);
            if (problem is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{c.Name}: {problem}[/]");
                failedComparisons++;
            }
            var gigaflops = 2 * 3 * TimeEstimate.ForwardMultiplyAccumulates(c.Layers, c.Input) * training.BatchSize * repro.StepsPerSecond / 1e9;
            table.AddRow(c.Name, $"{training.BatchSize}", $"{get_num_threads()}",
                $"{repro.StepsPerSecond:F2}",
                pytorch is null ? "-" : $"{pytorch.StepsPerSecond:F2}",
                pytorch is null ? "-" : $"{repro.StepsPerSecond / pytorch.StepsPerSecond:F2}",
                $"{gigaflops:F1}", $"{gigaflops / peak:P0}",
                $"{repro.MemoryBefore:F0} → {repro.MemoryAfter:F0}");
        }
        AnsiConsole.Write(table);
        // A comparison asked for and not made is a failed bench, not a table with a gap: a script reads the exit code.
        return failedComparisons == 0 ? 0 : CliErrors.Report($"{failedComparisons} case(s) have no PyTorch side (above); fix the Python (--python) or pass --no-pytorch to time Repro alone.");
    }
}
