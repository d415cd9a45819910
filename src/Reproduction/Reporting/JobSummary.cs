namespace Repro.Reproduction.Reporting;

/// <summary>
/// artifacts/report/summary.md, for a CI job's summary page: the counts per report and every inconsistent number,
/// short enough to read there; the whole table and the web page are uploaded beside it.
/// </summary>
internal static class JobSummary
{
    public static string Render(IReadOnlyList<ReportSection> sections, string generatedLine)
    {
        List<string> lines =
        [
            "## Reproduction of the reports' numbers", "", generatedLine, "",
            .. MarkdownTable.Header(["report", "consistent", "inconsistent", "not run", "not compared"]),
            .. sections.Select(section => MarkdownTable.Row(
            [
                $"{section.Report.Report} {section.Report.Title}",
                Count("🟢", section.Counts.Consistent), Count("🔴", section.Counts.Inconsistent), Count("⚪", section.Counts.NotRun), Count("🟠", section.Counts.NotCompared),
            ])),
        ];
        var inconsistent = sections.SelectMany(section => section.Rows).Where(row => row.Judged.CountedAs == Tally.Inconsistent).ToList();
        lines.AddRange(["", inconsistent.Count == 0 ? "No printed number is inconsistent with Repro's seeds." : "### Inconsistent numbers", ""]);
        if (inconsistent.Count > 0)
        {
            lines.AddRange(MarkdownTable.Header(["experiment", "metric", "printed", "Repro mean ± sd (n)", "verdict"]));
            lines.AddRange(inconsistent.Select(row => MarkdownTable.Row(
                [row.Status.Experiment.Id, row.Number.Metric, TableNumber.Format(row.Number.Value), row.Judged.Reproduced, row.Judged.Verdict])));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Count(string mark, int count) => count == 0 ? "0" : $"{mark} {count}";
}
