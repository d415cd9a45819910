using Repro.Experiments;
using Repro.Reproduction.Runs;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>The table `repro run` ends with: one row per requested experiment, readable at a glance.</summary>
public static class ResultTable
{
    private static readonly string[] Headlines =
    [
        MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1,
        MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss,
    ];

    /// <summary>"test_accuracy 0.8875, test_loss 0.3098, …" for the metrics the experiment has.</summary>
    public static string Headline(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(", ", Headlines.Where(metrics.ContainsKey).Select(m => $"{m} {metrics[m]:F4}"));

    public static Table Build(IReadOnlyList<ExperimentOutcome> outcomes)
    {
        var table = new Table().AddColumns("experiment", "result (first seed)", "over seeds (mean ± sd)", "reported", "data", "training time", "status");
        foreach (var outcome in outcomes)
        {
            var e = outcome.Experiment;
            var reported = string.Join(", ", e.Reported.Where(r => Headlines.Contains(r.Metric)).Select(r => $"{r.Metric} {r.Value:F4}"));
            switch (outcome)
            {
                case CompletedExperiment done:
                    var seeds = done.Seeds.Count > 1
                        ? string.Join(", ", SeedMetricValues.OverSeeds(done.Seeds.Select(s => s.MetricValues).ToList())
                            .Where(p => Headlines.Contains(p.Key)).Take(2).Select(p => $"{p.Key} {p.Value.Mean:F4} ± {p.Value.StandardDeviation:F4}"))
                        : "1";
                    table.AddRow(Markup.Escape(e.Id), Markup.Escape(Headline(done.Seeds[0].MetricValues)), Markup.Escape(seeds),
                        Markup.Escape(e.Variant is null && e.Data.SubstituteFor is null ? reported : "not compared"),
                        done.FixtureData ? "[yellow]fixture[/]" : "real", $"{done.WallSeconds:F0} s", "[green]ok[/]");
                    break;
                case NotRunExperiment:
                    table.AddRow(Markup.Escape(e.Id), "-", "-", Markup.Escape(reported), "-", "-", "[yellow]not run[/]");
                    break;
                case FailedExperiment:
                    table.AddRow(Markup.Escape(e.Id), "-", "-", Markup.Escape(reported), "-", "-", "[red]failed[/]");
                    break;
            }
        }

        return table;
    }
}
