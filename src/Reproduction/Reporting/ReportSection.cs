using Repro.Experiments;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// One report's part of the reproduction: its counts, the report's own spreads, a row per printed number of every
/// judged experiment, the fold samples compared, the printed courses set against Repro's, and the experiments not
/// judged — those without a full result grouped by reason, the others one line each. The Markdown table, the web page
/// and the terminal summary all read it.
/// </summary>
internal sealed class ReportSection
{
    /// <summary>What the not-judged lines show of a run: a hold-out run's test scores, or a cross-validation run's fold statistics.</summary>
    private static readonly string[] HeadlineMetricNames =
    [
        MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1,
        MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss,
    ];

    public ReportSection(ReportDefinition report, IReadOnlyList<ExperimentStatus> statuses)
    {
        Report = report;
        Statuses = statuses;
        Rows = statuses
            .Where(status => status.NotJudged is null)
            .SelectMany(status => status.Experiment.Reported.Select(number => new JudgedRow(status, number, JudgedNumber.Of(report, status.FullResult!, number))))
            .ToList();
    }

    public ReportDefinition Report { get; }

    public IReadOnlyList<ExperimentStatus> Statuses { get; }

    /// <summary>Every printed number of every judged experiment, with its verdict.</summary>
    public IReadOnlyList<JudgedRow> Rows { get; }

    /// <summary>What every printed number counts under: a verdict, or the kind of reason it is not judged.</summary>
    private IEnumerable<string> CountedAs =>
        Rows.Select(row => row.Judged.CountedAs)
            .Concat(Statuses.SelectMany(status => status.NotJudged is { } why ? status.Experiment.Reported.Select(_ => why.Kind) : []));

    /// <summary>Printed numbers by verdict: consistent, inconsistent, not run (no full result), not compared (any other reason).</summary>
    public SectionCounts Counts
    {
        get
        {
            var notRun = Statuses.Where(status => status.FullResult is null).Sum(status => status.Experiment.Reported.Count);
            var counted = CountedAs.ToList();
            var consistent = counted.Count(kind => kind == Tally.Consistent);
            var inconsistent = counted.Count(kind => kind == Tally.Inconsistent);
            return new SectionCounts(consistent, inconsistent, notRun, counted.Count - consistent - inconsistent - notRun);
        }
    }

    /// <summary>Experiments without a full result, one group per shared reason, in report order.</summary>
    public IReadOnlyList<(string Reason, IReadOnlyList<Experiment> Experiments)> NotRunGroups =>
        Statuses.Where(status => status.SharedNotRunReason is not null)
            .GroupBy(status => status.SharedNotRunReason!, StringComparer.Ordinal)
            .Select(group => (group.Key, (IReadOnlyList<Experiment>)group.Select(status => status.Experiment).ToList()))
            .ToList();

    /// <summary>Experiments with a full result that is not judged (substitute data, a variant, fixture data, one seed).</summary>
    public IReadOnlyList<ExperimentStatus> NotComparedWithResult =>
        Statuses.Where(status => status.NotJudged is not null && status.FullResult is not null).ToList();

    /// <summary>"- **003** Title — 5 consistent, 1 inconsistent, 6 not judged (2 not run, 4 one seed)": printed numbers by verdict.</summary>
    public string SummaryLine() => $"- **{Report.Report}** {Report.Title} — {Tally.Line(CountedAs)}";

    public IEnumerable<string> Lines()
    {
        List<string> lines = [$"## {Report.Report} — {Report.Title} (`{Report.File}`)", "", .. SpreadLines(), ""];
        if (Statuses.Count == 0)
        {
            lines.Add("No experiments are defined for this report yet.");
            return lines;
        }

        lines.AddRange(Rows.Count == 0 ? ["No experiment of this report is judged yet (see below)."] : JudgedTable());
        var folds = FoldTable().ToList();
        if (folds.Count > 0)
        {
            lines.AddRange(["", "### The report's folds against Repro's (every seed's folds pooled)", "", .. folds]);
        }

        var courses = CourseLines().ToList();
        if (courses.Count > 0)
        {
            lines.AddRange(["", "### The printed training logs against Repro's (epoch by epoch, z = (printed − mean) / sd of Repro's seeds)", "", .. courses]);
        }

        var groups = NotRunGroups;
        var withResult = NotComparedWithResult;
        if (groups.Count + withResult.Count > 0)
        {
            lines.AddRange(["", "### Not judged", ""]);
            lines.AddRange(groups.Select(group =>
                $"- {MarkdownTable.Escape(group.Reason)} — {group.Experiments.Count} experiment{(group.Experiments.Count == 1 ? "" : "s")}: " +
                string.Join(", ", group.Experiments.Select(experiment => $"{ExperimentCell(experiment)} (about {TimeEstimate.Format(TimeEstimate.Of(experiment))})"))));
            lines.AddRange(withResult.Select(status =>
                $"- {ExperimentCell(status.Experiment)} — {MarkdownTable.Escape(status.NotJudged!.Reason)}: {HeadlineMetricsText(status)}"));
        }

        return lines;
    }

    /// <summary>
    /// The distances of every judged experiment whose report printed its log. A run on substitute data, fixture data or
    /// one seed has no course comparable with the report's, as it has no comparable end point.
    /// </summary>
    public IEnumerable<(Experiment Experiment, CourseDistance Distance)> Courses() =>
        Statuses.Where(status => status.NotJudged is null).Select(status => (status.Experiment, Distance: CourseDistance.Of(status.Experiment, status.FullResult)))
            .Where(pair => pair.Distance is not null)
            .Select(pair => (pair.Experiment, pair.Distance!));

    private IEnumerable<string> CourseLines() =>
        Courses().Select(pair =>
            $"- {ExperimentCell(pair.Experiment)}, {pair.Distance.RunsCompared} ({pair.Distance.Printed.Epochs.Count} printed epochs, {pair.Distance.Printed.Where}): {pair.Distance.Summary()}");

    /// <summary>The report's spreads, one row per distinct spread with every metric it serves.</summary>
    private IEnumerable<string> SpreadLines()
    {
        if (Report.Spread.Count == 0)
        {
            return ["The report shows no run-to-run spread of its own: every number is tested with Repro's seed spread alone (σ_R stands in for σ_K)."];
        }

        return
        [
            "The report's own run-to-run spread (σ_K, sample sd); a metric not listed is tested with Repro's seed spread alone (σ_R stands in for σ_K):",
            "",
            .. MarkdownTable.Header(["metrics", "σ_K", "draws", "df", "where in the report"]),
            .. SpreadGroups(Report).Select(group => MarkdownTable.Row(
            [
                string.Join(", ", group.MetricNames), TableNumber.Format(group.Spread.StandardDeviation), TableNumber.Format(group.Spread.Draws),
                TableNumber.Format(group.Spread.DegreesOfFreedom), group.Spread.Source,
            ])),
        ];
    }

    /// <summary>The report's distinct spreads, each with the metrics it serves.</summary>
    public static IEnumerable<(ReportedSpread Spread, IReadOnlyList<string> MetricNames)> SpreadGroups(ReportDefinition report) =>
        report.Spread
            .GroupBy(pair => pair.Value, pair => pair.Key)
            .Select(group => (Spread: group.Key, MetricNames: (IReadOnlyList<string>)group.Order(StringComparer.Ordinal).ToList()))
            .OrderBy(group => group.MetricNames[0], StringComparer.Ordinal);

    private IEnumerable<string> JudgedTable()
    {
        // The group column only earns its place in reports whose experiments belong to tables or sweeps.
        var withGroup = Rows.Any(row => row.Status.Experiment.Group is not null);
        string[] columns = ["experiment", .. withGroup ? ["group"] : Array.Empty<string>(), "metric", "reported", "Repro mean ± sd (n)", "percentile", "spread", "test", "verdict"];
        return MarkdownTable.Header(columns).Concat(Rows.Select(row => MarkdownTable.Row(
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

    /// <summary>The fold samples of every judged experiment whose every fold the report printed.</summary>
    public IEnumerable<(Experiment Experiment, FoldComparison Fold)> FoldComparisons() =>
        Statuses
            .Where(status => status.NotJudged is null)
            .SelectMany(status => FoldComparison.Of(status.Experiment, status.FullResult!).Select(fold => (status.Experiment, fold)));

    /// <summary>Empty when no judged experiment had its every fold printed.</summary>
    private IEnumerable<string> FoldTable()
    {
        var comparisons = FoldComparisons().ToList();
        return comparisons.Count == 0 ? [] : MarkdownTable.Header(["experiment", "quantity", "report's draws", "Repro's draws", "means", "spreads"])
            .Concat(comparisons.Select(row => MarkdownTable.Row(
                [ExperimentCell(row.Experiment), row.Fold.Quantity, row.Fold.ReportDraws, row.Fold.ReproducedDraws, row.Fold.Means, row.Fold.Spreads])));
    }

    /// <summary>"test_accuracy 0.8803 ± 0.0021 (10); test_loss …" over the seeds of a full result.</summary>
    public static string HeadlineMetricsText(ExperimentStatus status)
    {
        if (status.FullResult is not { } result) return "";
        var overSeeds = SeedMetricValues.OverSeeds(result.Seeds.Select(seed => seed.MetricValues).ToList());
        var measured = HeadlineMetricNames.Where(overSeeds.ContainsKey).Select(metric => $"{metric} {TableNumber.MeanAndSpread(overSeeds[metric])}").ToList();
        return measured.Count == 0 ? "no headline metric recorded" : string.Join("; ", measured);
    }

    private static string ExperimentCell(Experiment experiment) => $"{experiment.Id} v{experiment.Version}";
}

/// <summary>One printed number of a judged experiment and its verdict.</summary>
internal sealed record JudgedRow(ExperimentStatus Status, ReportedNumber Number, JudgedNumber Judged);

/// <summary>A report's printed numbers by what became of them.</summary>
internal sealed record SectionCounts(int Consistent, int Inconsistent, int NotRun, int NotCompared)
{
    public int Total => Consistent + Inconsistent + NotRun + NotCompared;
}
