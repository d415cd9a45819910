using Repro.Experiments;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// The markdown table of every number the reports printed against what Repro reproduced, report by
/// report in the order given, opening with one summary line per report. The text depends only on
/// its inputs and <paramref name="generatedLine"/> carries the only time stamp, so that a re-run
/// with the same results changes nothing in a diff.
/// </summary>
public static class ReproductionTable
{
    public static string Render(IReadOnlyList<ReportDefinition> reports, Func<Experiment, ExperimentStatus> status, string generatedLine)
    {
        var sections = reports.Select(report => new ReportSection(report, report.Experiments.Select(status).ToList())).ToList();
        List<string> lines = ["# Reproduction of the reports' numbers", "", generatedLine, "", "## Summary", ""];
        lines.AddRange(sections.Select(section => section.SummaryLine()));
        foreach (var section in sections)
        {
            lines.Add("");
            lines.AddRange(section.Lines());
        }

        return string.Join('\n', lines) + "\n";
    }
}
