using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro list`: every registered experiment, report by report, with its dataset and whether it is
/// here, its protocol, how many trainings it needs, and a rough full-profile time on this machine;
/// with --test-budget, the ids the build's Test target trains, for the build to read.
/// </summary>
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List every experiment of every report, with data availability and estimated time.");
        var testBudget = new Option<bool>("--test-budget")
        {
            Description = "Print only the ids of the experiments in the CPU test budget (the full-profile runs `./build.sh Test` trains), one a line, longest estimated first.",
        };
        command.Options.Add(testBudget);
        command.SetAction(parse =>
        {
            if (parse.GetValue(testBudget))
            {
                foreach (var e in ExperimentRegistry.All.Where(e => e.InCpuTestBudget).OrderByDescending(e => TimeEstimate.Of(e)))
                    parse.InvocationConfiguration.Output.WriteLine(e.Id);
                return 0;
            }

            var store = DatasetStore.Default();
            var loader = new ExperimentDataLoader(store);
            var weights = new PretrainedWeightFiles(store);
            var availability = new Dictionary<string, DataAvailability>();
            var table = new Table().AddColumns("id", "v", "report", "group", "dataset", "protocol", "trainings", "data here", "est. full time");
            var total = TimeSpan.Zero;
            var available = 0;
            foreach (var e in ExperimentRegistry.All)
            {
                var key = $"{e.Data.DatasetId}/{e.Data.Layout}";
                if (!availability.TryGetValue(key, out var here)) availability[key] = here = loader.Availability(e.Data);
                var estimate = TimeEstimate.Of(e);
                total += estimate;
                var weightsHere = weights.Missing(e) is null;
                if (here.Available && weightsHere) available++;
                var data = !here.Available ? "[yellow]missing[/]" : !weightsHere ? "[yellow]weights needed[/]" : "[green]yes[/]";
                table.AddRow(Markup.Escape(e.Id), e.Version.ToString(), e.Source.Report, Markup.Escape(e.Group ?? "-"),
                    Markup.Escape(e.Data.DatasetId + (e.Data.SubstituteFor is null ? "" : " (substitute)")),
                    Markup.Escape(Describe(e)), TimeEstimate.TrainingsPerSeed(e).ToString(), data, TimeEstimate.Format(estimate));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(
                $"{ExperimentRegistry.All.Count} experiments in {ExperimentRegistry.Reports.Count} reports; {available} can run here. Estimated full-profile time of all, before identical trainings are shared: {TimeEstimate.Format(total)} (rough: {TimeEstimate.MultiplyAccumulatesPerSecond / 1e9:F0} GMAC/s, one CPU thread).");
            foreach (var missing in availability.Values.Where(a => !a.Available).Select(a => a.Reason).Distinct())
                AnsiConsole.MarkupLineInterpolated($"[yellow]data missing:[/] {missing}");
            return 0;
        });
        return command;
    }

    private static string Describe(Experiment e)
    {
        var t = e.Training;
        var protocol = e.Protocol switch
        {
            CrossValidation cv => $"{cv.Folds}-fold CV ({(cv.Scoring == FoldScoring.TestSet ? "test set" : "held-out fold")})",
            _ => "hold-out",
        };
        var validation = t.Validation switch
        {
            LastFractionValidation last => $", val last {last.Fraction:P0}",
            TestSetValidation => ", val test set",
            _ => "",
        };
        var stopping = t.EarlyStopping is { } es ? $", early stop p{es.Patience}" : "";
        return $"{protocol}, {t.Epochs} ep × {t.BatchSize}, {t.Optimizer.Name}{validation}{stopping}";
    }
}
