using System.Globalization;
using System.Net;
using System.Text;
using Repro.Experiments;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// artifacts/report/index.html: the reproduction as one self-contained page (styles inline, charts embedded as SVG
/// data, no script, no font or file fetched), readable on a laptop screen and printable. An index of reports and
/// experiments opens it; each report has its counts and grouped not-run reasons; each experiment its printed numbers
/// against Repro's seeds, charts, course distances, confusion matrix, gate rows and provenance, under an anchor named
/// by its id (index.html#003-lenet5) that a pull-request comment can link to.
/// </summary>
internal static class HtmlReport
{
    public static string Render(IReadOnlyList<ReportSection> sections, string generatedLine, GateRows gate)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Repro: reproduction of the reports' numbers</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<header><h1>Reproduction of the reports' numbers</h1><p class=\"generated\">").Append(Encode(generatedLine)).Append("</p></header>\n");
        page.Append("<nav id=\"index\" aria-label=\"index\"><h2>Index</h2>\n");
        foreach (var section in sections)
        {
            page.Append("<details class=\"index-report\"><summary><a href=\"#").Append(ReportAnchor(section.Report)).Append("\">")
                .Append(Encode($"{section.Report.Report} — {section.Report.Title}")).Append("</a> ").Append(CountBadges(section.Counts)).Append("</summary><ul>");
            foreach (var status in section.Statuses)
            {
                page.Append("<li><a href=\"#").Append(Encode(status.Experiment.Id)).Append("\">").Append(Encode(status.Experiment.Id)).Append("</a> ")
                    .Append(StatusBadge(section, status)).Append("</li>");
            }

            page.Append("</ul></details>\n");
        }

        page.Append("</nav>\n<main>\n");
        page.Append("<section id=\"summary\"><h2>Summary</h2><table class=\"summary\"><thead><tr><th>report</th><th>consistent</th><th>inconsistent</th><th>not run</th><th>not compared</th></tr></thead><tbody>\n");
        foreach (var section in sections)
        {
            var counts = section.Counts;
            page.Append("<tr><td><a href=\"#").Append(ReportAnchor(section.Report)).Append("\">").Append(Encode($"{section.Report.Report} {section.Report.Title}")).Append("</a></td>")
                .Append(CountCell("consistent", counts.Consistent)).Append(CountCell("inconsistent", counts.Inconsistent))
                .Append(CountCell("not-run", counts.NotRun)).Append(CountCell("not-compared", counts.NotCompared)).Append("</tr>\n");
        }

        page.Append("</tbody></table><p class=\"note\">Counts are printed numbers. A number is judged by a two-sided test of equal means against Repro's seeds " +
                    "(consistent at p ≥ 0.05); it is not compared when its experiment ran on substitute data, ran one seed or is a variant, and not run when there is no full result.</p></section>\n");
        foreach (var section in sections) AppendReport(page, section, gate);
        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void AppendReport(StringBuilder page, ReportSection section, GateRows gate)
    {
        var report = section.Report;
        page.Append("<section class=\"report\" id=\"").Append(ReportAnchor(report)).Append("\">\n<h2>").Append(Encode($"{report.Report} — {report.Title}"))
            .Append("</h2>\n<p class=\"source\">").Append(Encode(report.File)).Append("</p>\n<p class=\"counts\">").Append(CountBadges(section.Counts)).Append("</p>\n");
        var groups = section.NotRunGroups;
        if (groups.Count > 0)
        {
            page.Append("<h3>Not run</h3><ul class=\"reasons\">\n");
            foreach (var (reason, experiments) in groups)
            {
                page.Append("<li><span class=\"reason\">").Append(Encode(reason)).Append("</span> — ")
                    .Append(string.Join(", ", experiments.Select(experiment => $"<a href=\"#{Encode(experiment.Id)}\">{Encode(experiment.Id)}</a>"))).Append("</li>\n");
            }

            page.Append("</ul>\n");
        }

        if (report.Spread.Count > 0)
        {
            page.Append("<details class=\"spreads\"><summary>The report's own run-to-run spread (σ_K)</summary><table><thead><tr><th>metrics</th><th>σ_K</th><th>draws</th><th>df</th><th>where in the report</th></tr></thead><tbody>");
            foreach (var (spread, metrics) in ReportSection.SpreadGroups(report))
            {
                page.Append("<tr><td>").Append(Encode(string.Join(", ", metrics))).Append("</td><td>").Append(TableNumber.Format(spread.StandardDeviation))
                    .Append("</td><td>").Append(spread.Draws).Append("</td><td>").Append(spread.DegreesOfFreedom).Append("</td><td>").Append(Encode(spread.Source)).Append("</td></tr>");
            }

            page.Append("</tbody></table></details>\n");
        }

        foreach (var status in section.Statuses) ExperimentSection.Append(page, section, status, gate);
        page.Append("</section>\n");
    }

    internal static string StatusBadge(ReportSection section, ExperimentStatus status)
    {
        if (status.FullResult is null) return "<span class=\"badge not-run\">not run</span>";
        if (status.NotJudged is { } why) return $"<span class=\"badge not-compared\">{Encode(why.Kind)}</span>";
        var verdicts = section.Rows.Where(row => row.Status == status).Select(row => row.Judged.CountedAs).ToList();
        var inconsistent = verdicts.Count(kind => kind == Tally.Inconsistent);
        return inconsistent > 0
            ? $"<span class=\"badge inconsistent\">{inconsistent} inconsistent</span>"
            : $"<span class=\"badge consistent\">{verdicts.Count(kind => kind == Tally.Consistent)} consistent</span>";
    }

    private static string CountBadges(SectionCounts counts) =>
        $"<span class=\"badge consistent\">{counts.Consistent} consistent</span> <span class=\"badge inconsistent\">{counts.Inconsistent} inconsistent</span> " +
        $"<span class=\"badge not-run\">{counts.NotRun} not run</span> <span class=\"badge not-compared\">{counts.NotCompared} not compared</span>";

    private static string CountCell(string kind, int count) =>
        $"<td class=\"count {(count == 0 ? "zero" : kind)}\">{count.ToString(CultureInfo.InvariantCulture)}</td>";

    internal static string ReportAnchor(ReportDefinition report) => $"report-{report.Report}";

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An SVG document as an image: a data address keeps the page one file, and each chart's ids stay in its own document.</summary>
    internal static string Chart(string svg, string alt, string kind) =>
        $"<img class=\"chart {kind}\" alt=\"{Encode(alt)}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">";

    private const string Style = """
        :root { --consistent: #2b8a3e; --inconsistent: #c92a2a; --not-run: #868e96; --not-compared: #e67700; --repro: #1f77b4; --report: #e8590c; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #212529; background: #fff; }
        header { padding: 1rem 1.5rem; background: #f1f3f5; border-bottom: 1px solid #dee2e6; }
        header h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
        .generated { margin: 0; color: #495057; font-size: .9rem; }
        nav#index { padding: .5rem 1.5rem; border-bottom: 1px solid #dee2e6; }
        nav#index h2 { font-size: 1.1rem; margin: .5rem 0; }
        nav#index ul { columns: 3 18rem; margin: .25rem 0 .75rem; padding-left: 1.25rem; font-size: .9rem; }
        main { padding: 0 1.5rem 2rem; max-width: 1400px; }
        h2 { font-size: 1.3rem; margin-top: 2rem; }
        h3 { font-size: 1.1rem; }
        a { color: #1864ab; }
        table { border-collapse: collapse; margin: .5rem 0; font-size: .88rem; }
        th, td { border: 1px solid #dee2e6; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f8f9fa; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .8rem; color: #fff; white-space: nowrap; }
        .badge.consistent { background: var(--consistent); } .badge.inconsistent { background: var(--inconsistent); }
        .badge.not-run { background: var(--not-run); } .badge.not-compared { background: var(--not-compared); }
        td.count { text-align: right; font-weight: 600; color: #fff; } td.count.zero { color: #adb5bd; background: #fff; font-weight: 400; }
        td.count.consistent { background: var(--consistent); } td.count.inconsistent { background: var(--inconsistent); }
        td.count.not-run { background: var(--not-run); } td.count.not-compared { background: var(--not-compared); }
        .verdict-consistent { color: var(--consistent); font-weight: 600; } .verdict-inconsistent { color: var(--inconsistent); font-weight: 600; }
        .note, .source, .caption { color: #495057; font-size: .88rem; }
        .reasons li { margin: .2rem 0; }
        article.experiment { border-top: 2px solid #dee2e6; margin-top: 1.5rem; padding-top: .25rem; }
        article.experiment > h3 { margin-bottom: .25rem; }
        .charts { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-start; }
        img.chart { max-width: 100%; height: auto; border: 1px solid #e9ecef; }
        .wide { overflow-x: auto; max-width: 100%; }
        table.distance { font-size: .8rem; } table.distance td, table.distance th { padding: .15rem .35rem; }
        td.z { text-align: right; font-variant-numeric: tabular-nums; }
        td.z1 { background: #ebfbee; } td.z2 { background: #fff9db; } td.z3 { background: #ffe8cc; } td.z4 { background: #ffc9c9; }
        dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .85rem; }
        dl.provenance dt { font-weight: 600; } dl.provenance dd { margin: 0; word-break: break-all; }
        @media print {
          nav#index { display: none; }
          article.experiment, figure, table { break-inside: avoid; }
          details { display: block; } details > summary { list-style: none; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
