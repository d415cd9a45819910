using System.CommandLine;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Benchmarks;
using Spectre.Console;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro bench`: training steps per second of the reports' models on the CPU, next to the same
/// loop in PyTorch eager on the same libtorch, as a ratio (above 1: Repro is faster); and the
/// arithmetic rate that makes (a step's work is counted as three forward passes, 2 FLOP per
/// multiply-accumulate: forward, the input gradient and the weight gradient) against the rate of a
/// large matrix product on this machine.
/// </summary>
public static class BenchCommand
{
    /// <summary>A benchmarked model with the report's training settings, and the PyTorch script's name for the same model (null: Repro only).</summary>
    private sealed record Case(string Name, IReadOnlyList<Layer> Layers, (int, int, int) Input, TrainingSpec Training, string[]? PyTorchModel);

    private static readonly Case[] Cases =
    [
        new("003-lenet5", Report003.LeNet5, (1, 28, 28), Report003.LeNet5HoldOut.Training, ["--model", "lenet5"]),
        new("004-cnn", Report004.Cnn(), (1, 28, 28), Report004.FinalTraining, ["--model", "report004"]),
        // The largest model of report 004's sweeps (N_HIDDEN = 512, about 13 million parameters): the memory check runs on it.
        new("004-cnn-hidden512", Report004.Cnn(hidden: 512), (1, 28, 28), Report004.FinalTraining, ["--model", "report004", "--hidden", "512"]),
        // The transfer models: a frozen base's weights do not change a step's cost, so Keras's initialisers stand in for the ImageNet files.
        new("003-vgg16-transfer", Report003.Vgg16Transfer, (3, 32, 32), Report003.Vgg16TransferHoldOut.Training, null),
        new("003-resnet50-transfer", Report003.ResNet50Transfer, (3, 32, 32), Report003.ResNet50TransferHoldOut.Training, null),
    ];

    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Timed training steps per model.", DefaultValueFactory = _ => 200 };
        var warmUp = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 20 };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads for both engines (default: libtorch's choice)." };
        var only = new Option<string[]>("--case") { Description = $"Only these cases ({string.Join(", ", Cases.Select(c => c.Name))}); default: the first two.", AllowMultipleArgumentsPerToken = true };
        var skipPyTorch = new Option<bool>("--no-pytorch") { Description = "Time Repro only (e.g. a long memory run)." };
        var sampleEvery = new Option<int>("--memory-every") { Description = "Print resident memory every N timed steps (0: only before and after)." };
        var command = new Command("bench", "Training steps per second, Repro against PyTorch eager on the same libtorch, and resident memory across the timed steps.")
        {
            steps, warmUp, threads, only, skipPyTorch, sampleEvery,
        };
        command.SetAction(parse => Run(parse.GetValue(steps), parse.GetValue(warmUp), parse.GetValue(threads), parse.GetValue(only) ?? [], parse.GetValue(skipPyTorch),
            parse.GetValue(sampleEvery)));
        return command;
    }

    private static int Run(int steps, int warmUp, int? threads, string[] only, bool skipPyTorch, int sampleEvery)
    {
        var unknown = only.Except(Cases.Select(c => c.Name)).ToList();
        if (unknown.Count > 0) return CliErrors.Report($"Unknown bench case {string.Join(", ", unknown)}; the cases are {string.Join(", ", Cases.Select(c => c.Name))}.");
        var selected = only.Length > 0 ? Cases.Where(c => only.Contains(c.Name)) : Cases.Take(2);
        if (threads is { } n) set_num_threads(n);
        // Both engines use this libtorch and this BLAS: name them, since the BLAS alone moves the speed by half.
        var engine = Engine.EngineFingerprint.Current("cpu");
        AnsiConsole.MarkupLineInterpolated($"libtorch {engine.Libtorch}, CPU capability {engine.CpuCapability}, BLAS {engine.Blas}, {engine.Processor}");
        var peak = PeakThroughput.GigaflopsPerSecond();
        AnsiConsole.MarkupLineInterpolated($"peak: {peak:F1} GFLOP/s (a 2048×2048 float32 matrix product in libtorch, {get_num_threads()} thread(s))");
        var table = new Table().AddColumns("model", "batch", "threads", "Repro steps/s", "PyTorch steps/s", "ratio", "Repro GFLOP/s", "of peak", "resident MiB before → after");
        foreach (var c in selected)
        {
            var repro = StepBenchmark.Run(c.Layers, c.Input, c.Training, steps, warmUp, sampleEvery,
                (done, megabytes) => AnsiConsole.MarkupLineInterpolated($"  {c.Name}: {done} steps, resident {megabytes:F1} MiB"));
            var (pytorch, problem) = skipPyTorch || c.PyTorchModel is null ? (null, null) : PyTorchReference.Run(c.PyTorchModel, c.Training.BatchSize, steps, warmUp, get_num_threads());
            if (problem is not null) AnsiConsole.MarkupLineInterpolated($"[yellow]{c.Name}: {problem}[/]");
            var gigaflops = 2 * 3 * Runs.TimeEstimate.ForwardMultiplyAccumulates(c.Layers, c.Input) * c.Training.BatchSize * repro.StepsPerSecond / 1e9;
            table.AddRow(c.Name, $"{c.Training.BatchSize}", $"{get_num_threads()}",
                $"{repro.StepsPerSecond:F2}",
                pytorch is null ? "-" : $"{pytorch.StepsPerSecond:F2}",
                pytorch is null ? "-" : $"{repro.StepsPerSecond / pytorch.StepsPerSecond:F2}",
                $"{gigaflops:F1}", $"{gigaflops / peak:P0}",
                $"{repro.ResidentMegabytesBefore:F0} → {repro.ResidentMegabytesAfter:F0}");
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
