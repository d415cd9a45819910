using Repro.Experiments;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// One report's part of the reproduction table: its summary line, the report's own spreads, a row per
/// printed number of every judged experiment, the fold samples compared, and one line per experiment
/// that is not judged, saying why.
/// </summary>
internal sealed class ReportSection
{
    /// <summary>What the not-judged table shows of a run: a hold-out run's test scores, or a cross-validation run's fold statistics.</summary>
    private static readonly string[] HeadlineMetrics =
    [
        MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1,
        MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss,
    ];

    private readonly ReportDefinition report;
    private readonly IReadOnlyList<ExperimentStatus> statuses;
    private readonly IReadOnlyList<(ExperimentStatus Status, ReportedNumber Number, JudgedNumber Judged)> rows;

    public ReportSection(ReportDefinition report, IReadOnlyList<ExperimentStatus> statuses)
    {
        this.report = report;
        this.statuses = statuses;
        rows = statuses
            .Where(status => status.NotJudged is null)
            .SelectMany(status => status.Experiment.Reported.Select(number => (status, number, JudgedNumber.Of(report, status.FullResult!, number))))
            .ToList();
    }

    /// <summary>"- **003** Title — 5 consistent, 1 inconsistent, 6 not judged (2 not run, 4 one seed)": printed numbers by verdict.</summary>
    public string SummaryLine()
    {
        var notJudged = statuses.SelectMany(status => status.NotJudged is { } why ? status.Experiment.Reported.Select(_ => why.Kind) : []);
        return $"- **{report.Report}** {report.Title} — {Tally.Line(rows.Select(row => row.Judged.CountedAs).Concat(notJudged))}";
    }

    public IEnumerable<string> Lines()
    {
        List<string> lines = [$"## {report.Report} — {report.Title} (`{report.File}`)", "", .. SpreadLines(), ""];
        if (statuses.Count == 0)
        {
            lines.Add("No experiments are defined for this report yet.");
            return lines;
        }

        lines.AddRange(rows.Count == 0 ? ["No experiment of this report is judged yet (see below)."] : JudgedTable());
        var folds = FoldTable().ToList();
        if (folds.Count > 0)
        {
            lines.AddRange(["", "### The report's folds against Repro's (every seed's folds pooled)", "", .. folds]);
        }

        var notJudged = statuses.Where(status => status.NotJudged is not null).ToList();
        if (notJudged.Count > 0)
        {
            lines.AddRange(["", "### Not judged", ""]);
            lines.AddRange(MarkdownTable.Header(["experiment", "why", "Repro's headline metrics"]).Concat(notJudged.Select(status =>
                MarkdownTable.Row([ExperimentCell(status.Experiment), status.NotJudged!.Reason, HeadlineMetricsCell(status)]))));
        }

        return lines;
    }

    /// <summary>The report's spreads, one row per distinct spread with every metric it serves.</summary>
    private IEnumerable<string> SpreadLines()
    {
        if (report.Spread.Count == 0)
        {
            return ["The report shows no run-to-run spread of its own: every number is tested with Repro's seed spread alone (σ_R stands in for σ_K)."];
        }

        var spreads = report.Spread
            .GroupBy(pair => pair.Value, pair => pair.Key)
            .Select(group => (Spread: group.Key, Metrics: group.Order(StringComparer.Ordinal).ToList()))
            .OrderBy(group => group.Metrics[0], StringComparer.Ordinal);
        return
        [
            "The report's own run-to-run spread (σ_K, sample sd); a metric not listed is tested with Repro's seed spread alone (σ_R stands in for σ_K):",
            "",
            .. MarkdownTable.Header(["metrics", "σ_K", "draws", "df", "where in the report"]),
            .. spreads.Select(group => MarkdownTable.Row(
            [
                string.Join(", ", group.Metrics), TableNumber.Format(group.Spread.StandardDeviation), TableNumber.Format(group.Spread.Draws),
                TableNumber.Format(group.Spread.DegreesOfFreedom), group.Spread.Source,
            ])),
        ];
    }

    private IEnumerable<string> JudgedTable()
    {
        // The group column only earns its place in reports whose experiments belong to tables or sweeps.
        var withGroup = rows.Any(row => row.Status.Experiment.Group is not null);
        string[] columns = ["experiment", .. withGroup ? ["group"] : Array.Empty<string>(), "metric", "reported", "Repro mean ± sd (n)", "percentile", "spread", "test", "verdict"];
        return MarkdownTable.Header(columns).Concat(rows.Select(row => MarkdownTable.Row(
        [
            ExperimentCell(row.Status.Experiment),
            .. withGroup ? [row.Status.Experiment.Group ?? ""] : Array.Empty<string>(),
            row.Number.Metric,
            TableNumber.Format(row.Number.Value),
            row.Judged.Reproduced,
            row.Judged.Percentile,
            row.Judged.SpreadUsed,
            row.Judged.Test,
            row.Judged.Verdict,
        ])));
    }

    /// <summary>Empty when no judged experiment had its every fold printed.</summary>
    private IEnumerable<string> FoldTable()
    {
        var comparisons = statuses
            .Where(status => status.NotJudged is null)
            .SelectMany(status => FoldComparison.Of(status.Experiment, status.FullResult!).Select(fold => (status.Experiment, Fold: fold)))
            .ToList();
        return comparisons.Count == 0 ? [] : MarkdownTable.Header(["experiment", "quantity", "report's draws", "Repro's draws", "means", "spreads"])
            .Concat(comparisons.Select(row => MarkdownTable.Row(
                [ExperimentCell(row.Experiment), row.Fold.Quantity, row.Fold.ReportDraws, row.Fold.ReproducedDraws, row.Fold.Means, row.Fold.Spreads])));
    }

    private static string HeadlineMetricsCell(ExperimentStatus status)
    {
        if (status.FullResult is not { } result) return "";
        var overSeeds = ExperimentMetrics.OverSeeds(result.Seeds.Select(seed => seed.Metrics).ToList());
        var measured = HeadlineMetrics.Where(overSeeds.ContainsKey).Select(metric => $"{metric} {TableNumber.MeanAndSpread(overSeeds[metric])}").ToList();
        return measured.Count == 0 ? "no headline metric recorded" : string.Join("; ", measured);
    }

    private static string ExperimentCell(Experiment experiment) => $"{experiment.Id} v{experiment.Version}";
}
