using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Data;
using Repro.Reproduction.Results;
using Repro.Reproduction.Training;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>`repro run`: trains experiments and writes artifacts/results/&lt;id&gt;/result.json for each.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var experiments = new Option<string[]>("--experiment", "-e")
        {
            Description = "Experiment id or glob (repeatable); all experiments when omitted.",
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<ulong?>("--seed") { Description = "Override the experiment's seed." };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice, recorded in the result)." };
        var results = new Option<string?>("--results") { Description = "Folder for result files (default: artifacts/results); each experiment writes <folder>/<id>/result.json." };
        var device = new Option<string>("--device") { Description = "cpu (CUDA support comes with the GPU build).", DefaultValueFactory = _ => "cpu" };
        var command = new Command("run", "Train experiments at the report's settings and write their results.") { experiments, seed, threads, device, results };
        command.SetAction(parse => Run(parse.GetValue(experiments) ?? [], parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(device)!,
            parse.GetValue(results)));
        return command;
    }

    private static int Run(string[] patterns, ulong? seed, int? threads, string device, string? resultsFolder)
    {
        if (device is not ("cpu" or "auto"))
            return CliErrors.Report($"Device '{device}' is not supported by this build; use --device cpu.");
        IReadOnlyList<Experiment> selected;
        try
        {
            selected = patterns.Length == 0 ? ExperimentRegistry.All : patterns.SelectMany(ExperimentRegistry.Match).Distinct().ToList();
        }
        catch (UnknownExperimentException e)
        {
            return CliErrors.Report(e.Message);
        }

        var options = new ExperimentRun.Options(seed, threads, DatasetStore.Default());
        var table = new Table().AddColumns("experiment", "test accuracy", "test loss", "macro F1", "reported accuracy", "wall time");
        var failures = 0;
        foreach (var experiment in selected)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]{experiment.Id}[/] v{experiment.Version}: {experiment.Title}");
            try
            {
                var result = ExperimentRun.Execute(experiment, options, new ConsoleTrainingObserver(experiment.Id));
                var path = resultsFolder is null
                    ? RepositoryPaths.ResultJson(experiment.Id)
                    : Path.Combine(Path.GetFullPath(resultsFolder), experiment.Id, "result.json");
                CanonicalJson.Write(path, result);
                var metrics = result["metrics"]!;
                var reported = experiment.Reported.FirstOrDefault(r => r.Metric == "test_accuracy");
                table.AddRow(experiment.Id,
                    $"{(double)metrics["test_accuracy"]!:F4}",
                    $"{(double)metrics["test_loss"]!:F4}",
                    $"{(double)metrics["test_macro_f1"]!:F4}",
                    reported is null ? "-" : $"{reported.Value:F4}",
                    $"{(double)result["manifest"]!["wall_seconds"]!:F0} s");
                AnsiConsole.MarkupLineInterpolated($"  wrote [link]{path}[/]");
            }
            catch (Exception e) when (e is DatasetException or Torch.TorchException or NotSupportedException or DllNotFoundException)
            {
                failures++;
                CliErrors.Report($"{experiment.Id} failed: {e.Message}");
                table.AddRow(experiment.Id, "[red]failed[/]", "-", "-", "-", "-");
            }
        }
        AnsiConsole.Write(table);
        return failures == 0 ? 0 : 1;
    }
}
