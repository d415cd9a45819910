using System.Globalization;
using System.Text;
using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;
using static Repro.Reproduction.Reporting.HtmlReport;

namespace Repro.Reproduction.Reporting;

/// <summary>One experiment's part of the web page (see <see cref="HtmlReport"/>).</summary>
internal static class ExperimentSection
{
    /// <summary>Printed courses this long are folded away, so that a 100-epoch log does not bury the page.</summary>
    private const int OpenCourseEpochs = 20;

    public static void Append(StringBuilder page, ReportSection section, ExperimentStatus status, GateRows gate)
    {
        var experiment = status.Experiment;
        var result = status.FullResult;
        page.Append("<article class=\"experiment\" id=\"").Append(Encode(experiment.Id)).Append("\">\n<h3>").Append(Encode($"{experiment.Id} v{experiment.Version}"))
            .Append(" ").Append(StatusBadge(section, status)).Append("</h3>\n<p>").Append(Encode(experiment.Title)).Append("</p>\n<p class=\"source\">")
            .Append(Encode(experiment.Source.Section)).Append(experiment.Group is { } group ? Encode($" · {group}") : "").Append("</p>\n");
        if (status.NotJudged is { } why)
        {
            page.Append("<p class=\"why\">").Append(Encode(result is null ? status.SharedNotRunReason!.Replace(ExperimentStatus.IdPlaceholder, experiment.Id, StringComparison.Ordinal) : why.Reason)).Append("</p>\n");
        }

        AppendNumbers(page, section, status);
        if (result is not null)
        {
            AppendSeedStrips(page, section, status);
            AppendCourse(page, experiment, result);
            AppendConfusionMatrix(page, experiment, result);
            AppendProvenance(page, result);
        }

        AppendGate(page, experiment, gate);
        page.Append("</article>\n");
    }

    private static void AppendNumbers(StringBuilder page, ReportSection section, ExperimentStatus status)
    {
        if (status.Experiment.Reported.Count == 0)
        {
            page.Append("<p class=\"note\">The report printed no number for this run.</p>\n");
            return;
        }

        var judged = section.Rows.Where(row => row.Status == status).ToDictionary(row => row.Number);
        var overSeeds = status.FullResult is { } result ? SeedMetricValues.OverSeeds(result.Seeds.Select(seed => seed.MetricValues).ToList()) : null;
        page.Append("<table class=\"numbers\"><thead><tr><th>metric</th><th>printed</th><th>Repro mean ± sd (n)</th><th>percentile</th><th>spread</th><th>test</th><th>verdict</th><th>where printed</th></tr></thead><tbody>\n");
        foreach (var number in status.Experiment.Reported)
        {
            page.Append("<tr><td>").Append(Encode(number.Metric)).Append("</td><td class=\"num\">").Append(TableNumber.Format(number.Value)).Append("</td>");
            if (judged.TryGetValue(number, out var row))
            {
                var verdictClass = row.Judged.CountedAs == Tally.Consistent ? "verdict-consistent" : row.Judged.CountedAs == Tally.Inconsistent ? "verdict-inconsistent" : "";
                page.Append("<td class=\"num\">").Append(Encode(row.Judged.Reproduced)).Append("</td><td class=\"num\">").Append(Encode(row.Judged.Percentile))
                    .Append("</td><td>").Append(Encode(row.Judged.SpreadUsed)).Append("</td><td>").Append(Encode(row.Judged.Test))
                    .Append("</td><td class=\"").Append(verdictClass).Append("\">").Append(Encode(row.Judged.Verdict)).Append("</td>");
            }
            else
            {
                var reproduced = overSeeds is not null && overSeeds.TryGetValue(number.Metric, out var seeds) ? TableNumber.MeanAndSpread(seeds) : "";
                page.Append("<td class=\"num\">").Append(Encode(reproduced)).Append("</td><td></td><td></td><td></td><td>")
                    .Append(Encode(status.FullResult is null ? "not run" : $"not compared: {status.NotJudged!.Kind}")).Append("</td>");
            }

            page.Append("<td class=\"caption\">").Append(Encode(number.Where)).Append("</td></tr>\n");
        }

        page.Append("</tbody></table>\n");
    }

    /// <summary>One strip per judged number whose seeds have a spread to show.</summary>
    private static void AppendSeedStrips(StringBuilder page, ReportSection section, ExperimentStatus status)
    {
        var strips = section.Rows.Where(row => row.Status == status && row.Judged.Reproduced.Length > 0).Select(row =>
        {
            var values = status.FullResult!.Seeds.Where(seed => seed.MetricValues.ContainsKey(row.Number.Metric)).Select(seed => seed.MetricValues[row.Number.Metric]).ToList();
            return Chart(Charts.SeedStrip(row.Number.Metric, new Sample(values), row.Number.Value),
                $"{row.Number.Metric}: Repro's {values.Count} seeds and the printed {TableNumber.Format(row.Number.Value)}", "seeds");
        }).ToList();
        if (strips.Count == 0) return;
        page.Append("<h4>Repro's seeds against the printed numbers</h4>\n<div class=\"charts\">").Append(string.Concat(strips)).Append("</div>\n");
    }

    private static void AppendCourse(StringBuilder page, Experiment experiment, ResultFile result)
    {
        var reproduced = ReproducedCourse.Of(result.Runs);
        if (reproduced.Epochs.Count == 0) return;
        var printed = experiment.PrintedCourse;
        var runs = result.Runs.Count == result.Seeds.Count ? $"{result.Seeds.Count} seeds" : $"{result.Runs.Count} runs ({result.Seeds.Count} seeds × folds)";
        page.Append("<h4>Learning curves</h4>\n<p class=\"caption\">Repro: mean ± sd over ").Append(runs).Append(printed is null
                ? "; the report printed no training log for this run."
                : $"; printed: the report's log ({Encode(printed.Where)}).")
            .Append("</p>\n<div class=\"charts\">")
            .Append(Chart(Charts.LearningCurves("loss", reproduced, printed, EpochQuantities.Loss, EpochQuantities.ValidationLoss), $"{experiment.Id}: loss per epoch", "curve"))
            .Append(Chart(Charts.LearningCurves("accuracy", reproduced, printed, EpochQuantities.Accuracy, EpochQuantities.ValidationAccuracy), $"{experiment.Id}: accuracy per epoch", "curve"))
            .Append("</div>\n");
        if (CourseDistance.Of(experiment, result) is { } distance) AppendDistance(page, distance);
    }

    private static void AppendDistance(StringBuilder page, CourseDistance distance)
    {
        var quantities = EpochQuantities.All.Where(quantity => distance.Points.Any(point => point.Quantity == quantity)).ToList();
        page.Append("<details class=\"course\"").Append(distance.Printed.Epochs.Count <= OpenCourseEpochs ? " open" : "").Append("><summary>The printed course against ")
            .Append(Encode(distance.RunsCompared)).Append(", epoch by epoch, in Repro's seed sds: ").Append(Encode(distance.Summary())).Append("</summary>\n")
            .Append("<div class=\"wide\"><table class=\"distance\"><thead><tr><th>epoch</th>");
        foreach (var quantity in quantities) page.Append("<th colspan=\"3\">").Append(Encode(quantity)).Append("</th>");
        page.Append("</tr><tr><th></th>");
        foreach (var _ in quantities) page.Append("<th>printed</th><th>Repro mean ± sd (n)</th><th>z</th>");
        page.Append("</tr></thead><tbody>\n");
        foreach (var epoch in distance.Printed.Epochs)
        {
            page.Append("<tr><td class=\"num\">").Append(epoch.Epoch).Append("</td>");
            foreach (var quantity in quantities)
            {
                var point = distance.Points.FirstOrDefault(p => p.Epoch == epoch.Epoch && p.Quantity == quantity);
                if (point is null)
                {
                    page.Append("<td></td><td></td><td></td>");
                    continue;
                }

                page.Append("<td class=\"num\">").Append(TableNumber.Format(point.PrintedValue)).Append("</td><td class=\"num\">")
                    .Append(point.Seeds is { } seeds ? Encode(TableNumber.MeanAndSpread(seeds)) : "").Append("</td>");
                page.Append(point.Z is { } z
                    ? $"<td class=\"z z{Math.Min(4, (int)Math.Ceiling(Math.Max(Math.Abs(z), 1e-9)))}\">{TableNumber.Statistic(z)}</td>"
                    : "<td class=\"z\"></td>");
            }

            page.Append("</tr>\n");
        }

        page.Append("</tbody></table></div></details>\n");
    }

    private static void AppendConfusionMatrix(StringBuilder page, Experiment experiment, ResultFile result)
    {
        var matrices = result.Runs.Select(run => run.ConfusionMatrix).Where(matrix => matrix.Length > 0).ToList();
        if (matrices.Count == 0) return;
        var classes = matrices[0].Length;
        var sum = Enumerable.Range(0, classes).Select(row => Enumerable.Range(0, classes)
            .Select(column => matrices.Where(matrix => matrix.Length == classes).Sum(matrix => matrix[row][column])).ToArray()).ToArray();
        page.Append("<h4>Confusion matrix</h4>\n<p class=\"caption\">Summed over ").Append(matrices.Count).Append(matrices.Count == 1 ? " run" : " runs")
            .Append(" (every seed and fold); colour is the share of the true class's row.</p>\n<div class=\"charts\">")
            .Append(Chart(Charts.ConfusionMatrix(sum, DatasetRegistry.Find(experiment.Data.DatasetId).ClassNames), $"{experiment.Id}: confusion matrix", "confusion"))
            .Append("</div>\n");
    }

    private static void AppendGate(StringBuilder page, Experiment experiment, GateRows gate)
    {
        page.Append("<h4>Regression gate</h4>\n");
        var rows = gate.Of(experiment.Id);
        if (gate.Path is null || rows.Count == 0)
        {
            page.Append("<p class=\"note\">").Append(gate.Path is null
                ? "The gate has not run here (./build.sh Gate writes artifacts/report/gate.md)."
                : "The gate did not check this experiment in its last run.").Append("</p>\n");
            return;
        }

        page.Append("<table class=\"gate\"><thead><tr><th>metric</th><th>mode</th><th>allowed (baseline band)</th><th>received</th><th>verdict</th></tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            page.Append("<tr><td>").Append(Encode(row.Metric)).Append("</td><td>").Append(Encode(row.Mode)).Append("</td><td>").Append(Encode(row.Allowed))
                .Append("</td><td>").Append(Encode(row.Received)).Append("</td><td class=\"").Append(row.Passed ? "verdict-consistent" : row.NotRun ? "" : "verdict-inconsistent").Append("\">")
                .Append(Encode(row.Verdict)).Append("</td></tr>\n");
        }

        page.Append("</tbody></table>\n");
    }

    private static void AppendProvenance(StringBuilder page, ResultFile result)
    {
        var provenance = result.Provenance;
        var engine = result.Engine;
        page.Append("<h4>Provenance</h4>\n<dl class=\"provenance\">")
            .Append(Item("commit", provenance.GitCommit is { } commit ? commit + (provenance.GitDirty ? " (with uncommitted changes)" : "") : "not recorded"))
            .Append(Item("started", provenance.StartedUtc ?? "not recorded"))
            .Append(Item("engine", engine is null
                ? "not recorded"
                : $"{engine.Id}: libtorch {engine.Libtorch}, {engine.Blas}, {engine.CpuCapability}, {engine.Threads} thread{(engine.Threads == 1 ? "" : "s")}, {engine.Device}; {engine.Processor}"))
            .Append(Item("seeds", string.Join(", ", result.Seeds.Select(seed => seed.Seed.ToString(CultureInfo.InvariantCulture)))))
            .Append(Item("wall time", $"{Seconds(result.TrainingSeconds)} in all; {Seconds(result.Runs.Count == 0 ? 0 : result.Runs.Average(run => run.Seconds))} a training on average ({result.Runs.Count} trainings)"));
        foreach (var (file, sha256) in provenance.DataFiles.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            page.Append(Item(file, $"sha256 {sha256}"));
        }

        page.Append(Item("result file", result.Path)).Append("</dl>\n");
    }

    private static string Item(string term, string description) => $"<dt>{Encode(term)}</dt><dd>{Encode(description)}</dd>";

    private static string Seconds(double seconds) =>
        seconds >= 3600 ? FormattableString.Invariant($"{seconds / 3600:0.0} h")
        : seconds >= 60 ? FormattableString.Invariant($"{seconds / 60:0.0} min")
        : FormattableString.Invariant($"{seconds:0.0} s");
}
