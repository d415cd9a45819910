using Repro.Experiments;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// The markdown table of every number the reports printed against what Repro reproduced, report by
/// report in the order given, opening with one summary line per report. The text depends only on
/// its inputs and <paramref name="generatedLine"/> carries the only time stamp, so that a re-run
/// with the same results changes nothing in a diff.
/// </summary>
internal static class ReproductionTable
{
    private static readonly string[] Method =
    [
        "Each number a report printed is set against Repro's full-profile seeds of its experiment: their mean ± sample sd (n), " +
        "and the percentile at which the printed number falls among them (ties count half).",
        "",
        "The verdict is a two-sided test of equal means. Under them, printed − mean has variance σ_K² + σ_R²/n " +
        "(+ h²/3 where the report rounded to d decimals, h half a unit of the last): σ_R is the seeds' sd, σ_K the report's own " +
        "run-to-run spread of the metric (its folds, its repeated configurations; listed per report). Where the report shows none, " +
        "σ_R stands in for σ_K and the row says so: Repro's seeds on one CPU vary only through initialisation, shuffling and dropout, " +
        "while the reports' runs also carried GPU nondeterminism and library differences, so that spread can be too narrow. " +
        "t = (printed − mean) / SE, with Welch–Satterthwaite degrees of freedom and p from Student's t: " +
        "**consistent** when p ≥ 0.05, **inconsistent** below. Where every seed gave one value and there is no spread, the number is judged by equality (within its rounding).",
        "",
        "A cross-validation that ran one seed (report 004's take hours each) has no spread over seeds; σ_R then comes from that seed's k folds: " +
        "s² for one fold's score, s²/k for the mean over folds, on k − 1 degrees of freedom. The folds of a fixed split also differ by how hard each is, " +
        "which seeds do not vary, so this σ_R errs large and the verdict towards consistent; the row says when it was used.",
        "",
        "Where a report printed every fold, its folds and Repro's (every seed's folds pooled) are also compared as samples: " +
        "Welch's t-test for the means, the F-test for the variances.",
        "",
        "An experiment is **not judged** when it did not run, ran one seed (other than a cross-validation), or ran on substitute data; experiments not run are listed once per reason, the others one line each.",
        "",
        "Where a report printed a training log, it is set against Repro's histories of the same run epoch by epoch: z = (printed − mean) / sd over Repro's seeds, " +
        "shown as the median and largest |z| per quantity. Successive epochs are not independent draws, so these distances are not verdicts.",
    ];

    /// <summary>Each report's part, its experiments' statuses in report order: what the table, the page and the terminal summary show.</summary>
    internal static IReadOnlyList<ReportSection> Sections(IReadOnlyList<ReportDefinition> reports, Func<Experiment, ExperimentStatus> status) =>
        reports.Select(report => new ReportSection(report, report.Experiments.Select(status).ToList())).ToList();

    internal static string Render(IReadOnlyList<ReportSection> sections, string generatedLine)
    {
        List<string> lines = ["# Reproduction of the reports' numbers", "", generatedLine, "", "## How a printed number is judged", "", .. Method, "", "## Summary", ""];
        lines.AddRange(sections.Select(section => section.SummaryLine()));
        foreach (var section in sections)
        {
            lines.Add("");
            lines.AddRange(section.Lines());
        }

        return string.Join('\n', lines) + "\n";
    }
}
