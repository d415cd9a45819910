using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Benchmarks;
using Spectre.Console;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro bench`: training steps per second of the reports' models on the CPU, next to the same
/// loop in PyTorch eager on the same libtorch, as a ratio (above 1: Repro is faster).
/// </summary>
public static class BenchCommand
{
    /// <summary>The benchmarked models: the experiment whose model and settings are timed, and the PyTorch script's name for it.</summary>
    private static readonly (string ExperimentId, string PyTorchModel)[] Cases = [("003-lenet5", "lenet5")];

    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Timed training steps per model.", DefaultValueFactory = _ => 200 };
        var warmUp = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 20 };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads for both engines (default: libtorch's choice)." };
        var command = new Command("bench", "Training steps per second, Repro against PyTorch eager on the same libtorch.") { steps, warmUp, threads };
        command.SetAction(parse => Run(parse.GetValue(steps), parse.GetValue(warmUp), parse.GetValue(threads)));
        return command;
    }

    private static int Run(int steps, int warmUp, int? threads)
    {
        if (threads is { } n) set_num_threads(n);
        var table = new Table().AddColumns("model", "batch", "threads", "Repro steps/s", "PyTorch steps/s", "ratio", "resident MiB before → after");
        foreach (var (id, pytorchModel) in Cases)
        {
            var experiment = ExperimentRegistry.Find(id);
            var repro = StepBenchmark.Run(experiment, steps, warmUp);
            var (pytorch, problem) = PyTorchReference.Run(pytorchModel, experiment.Training.BatchSize, steps, warmUp, get_num_threads());
            if (problem is not null) AnsiConsole.MarkupLineInterpolated($"[yellow]{id}: {problem}[/]");
            table.AddRow(id, $"{experiment.Training.BatchSize}", $"{get_num_threads()}",
                $"{repro.StepsPerSecond:F2}",
                pytorch is null ? "-" : $"{pytorch.StepsPerSecond:F2}",
                pytorch is null ? "-" : $"{repro.StepsPerSecond / pytorch.StepsPerSecond:F2}",
                $"{repro.ResidentMegabytesBefore:F0} → {repro.ResidentMegabytesAfter:F0}");
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
