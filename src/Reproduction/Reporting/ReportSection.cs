using Repro.Experiments;

namespace Repro.Reproduction.Reporting;

/// <summary>One report's part of the reproduction table: its summary line, noise bands, judged numbers and not-compared runs.</summary>
internal sealed class ReportSection
{
    /// <summary>What the not-compared table shows of a run: a hold-out run's test scores, or a cross-validation run's fold statistics.</summary>
    private static readonly string[] HeadlineMetrics =
    [
        MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1,
        MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss,
    ];

    private readonly ReportDefinition report;
    private readonly IReadOnlyList<ExperimentStatus> statuses;
    private readonly IReadOnlyList<(ExperimentStatus Status, ReportedNumber Number, ComparedNumber Comparison)> rows;

    public ReportSection(ReportDefinition report, IReadOnlyList<ExperimentStatus> statuses)
    {
        this.report = report;
        this.statuses = statuses;
        rows = statuses
            .SelectMany(status => status.Experiment.Reported.Select(number => (status, number, ComparedNumber.Of(report, status, number))))
            .ToList();
    }

    /// <summary>"- **003** Title — 5 reproduced, 1 outside, 2 not run, …": counts of printed numbers by verdict.</summary>
    public string SummaryLine()
    {
        var counts = rows.CountBy(row => row.Comparison.CountedAs).ToDictionary();
        var notCompared = counts.Keys.Except(Tally.AlwaysShown).Except(Tally.ShownWhenPresent).Order(StringComparer.Ordinal);
        var shown = Tally.AlwaysShown.Concat(Tally.ShownWhenPresent.Where(counts.ContainsKey)).Concat(notCompared);
        return $"- **{report.Report}** {report.Title} — {string.Join(", ", shown.Select(tally => $"{counts.GetValueOrDefault(tally)} {tally}"))}";
    }

    public IEnumerable<string> Lines()
    {
        yield return $"## {report.Report} — {report.Title} (`{report.File}`)";
        yield return "";
        yield return NoiseLine();
        yield return "";
        if (statuses.Count == 0)
        {
            yield return "No experiments are defined for this report yet.";
            yield break;
        }

        foreach (var line in rows.Count == 0 ? ["No printed numbers to compare."] : ComparisonTable())
        {
            yield return line;
        }

        var notCompared = statuses.Where(status => status.Exclusion is not null).ToList();
        if (notCompared.Count > 0)
        {
            yield return "";
            yield return "### Runs on substitute data or as-intended variants (not compared)";
            yield return "";
            foreach (var line in NotComparedTable(notCompared))
            {
                yield return line;
            }
        }
    }

    private string NoiseLine()
    {
        var bands = report.Noise
            .OrderBy(band => band.Key, StringComparer.Ordinal)
            .Select(band => $"{band.Key} ±{TableNumber.Band((decimal)band.Value)}")
            .ToList();
        return bands.Count == 0
            ? "Noise bands: none given, so no number can be judged."
            : $"Noise bands: {string.Join(", ", bands)}. {report.NoiseDerivation}";
    }

    private IEnumerable<string> ComparisonTable()
    {
        // The group column only earns its place in reports whose experiments belong to tables or sweeps.
        var withGroup = rows.Any(row => row.Status.Experiment.Group is not null);
        string[] columns = ["experiment", .. withGroup ? ["group"] : Array.Empty<string>(), "metric", "reported", "reproduced", "difference", "band", "verdict"];
        return MarkdownTable.Header(columns).Concat(rows.Select(row => MarkdownTable.Row(
        [
            ExperimentCell(row.Status.Experiment),
            .. withGroup ? [row.Status.Experiment.Group ?? ""] : Array.Empty<string>(),
            row.Number.Metric,
            TableNumber.Format(row.Number.Value),
            row.Comparison.Reproduced,
            row.Comparison.Difference,
            row.Comparison.Band,
            row.Comparison.Verdict,
        ])));
    }

    private static IEnumerable<string> NotComparedTable(IEnumerable<ExperimentStatus> notCompared) =>
        MarkdownTable.Header(["experiment", "departs from the report", "headline metrics"]).Concat(notCompared.Select(status =>
            MarkdownTable.Row([ExperimentCell(status.Experiment), status.Exclusion!.Label, HeadlineMetricsCell(status)])));

    private static string HeadlineMetricsCell(ExperimentStatus status)
    {
        if (status.FullResult is not { } result)
        {
            return status.NotRunVerdict;
        }

        var measured = HeadlineMetrics
            .Select(metric => (metric, summary: SeedSummary.Of(result, metric)))
            .Where(pair => pair.summary is not null)
            .Select(pair => $"{pair.metric} {pair.summary}")
            .ToList();
        return measured.Count == 0 ? "no headline metric recorded" : string.Join("; ", measured);
    }

    private static string ExperimentCell(Experiment experiment) => $"{experiment.Id} v{experiment.Version}";
}
