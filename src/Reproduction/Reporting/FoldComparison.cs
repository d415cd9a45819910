using Repro.Experiments;
using Repro.Reproduction.Results;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// Where a report printed every fold of a cross-validation, several draws of one quantity, its folds
/// and Repro's are compared as two samples: Welch's t-test for the means (it does not assume the
/// spreads equal, which is what is in doubt) and the F-test for the variances. Repro's sample pools
/// every seed's folds, treating them as independent draws as the report's own fold spread does.
/// The rounding of folds printed to four decimals is left out: its variance (≈ 8·10⁻¹⁰) is under a
/// ten-thousandth of the folds' own.
/// </summary>
internal sealed record FoldComparison(string Quantity, string ReportDraws, string ReproducedDraws, string Means, string Spreads)
{
    private static readonly (string Quantity, Func<int, string> Metric)[] Quantities =
        [("fold accuracy", MetricNames.CvFoldAccuracy), ("fold loss", MetricNames.CvFoldLoss)];

    public static IEnumerable<FoldComparison> Of(Experiment experiment, ResultFile result)
    {
        if (experiment.Protocol is not CrossValidation protocol) yield break;
        foreach (var (quantity, metric) in Quantities)
        {
            var folds = Enumerable.Range(1, protocol.Folds).Select(metric).ToHashSet(StringComparer.Ordinal);
            var printed = experiment.Reported.Where(number => folds.Contains(number.Metric)).Select(number => number.Value).ToList();
            if (printed.Count < 2) continue;
            var reproduced = result.Seeds.SelectMany(seed => seed.MetricValues.Where(pair => folds.Contains(pair.Key)).Select(pair => pair.Value)).ToList();
            yield return Compare(quantity, new Sample(printed), new Sample(reproduced));
        }
    }

    private static FoldComparison Compare(string quantity, Sample report, Sample reproduced)
    {
        var row = new FoldComparison(quantity, TableNumber.MeanAndSpread(report), reproduced.Count == 0 ? "none" : TableNumber.MeanAndSpread(reproduced), "", "");
        if (reproduced.Count < 2 || report.Values.Concat(reproduced.Values).Any(value => !double.IsFinite(value)))
        {
            const string untestable = "not tested: Repro has fewer than two finite fold values";
            return row with { Means = untestable, Spreads = untestable };
        }

        var means = report.Variance + reproduced.Variance > 0 ? MeanDifferenceTest.Welch(report, reproduced) : null;
        var spreads = report.Variance > 0 && reproduced.Variance > 0 ? VarianceRatioTest.Of(report, reproduced) : null;
        return row with
        {
            Means = means is null
                ? "not tested: neither sample has a spread"
                : $"Welch's t-test: t {TableNumber.Statistic(means.T)}, df {TableNumber.DegreesOfFreedom(means.DegreesOfFreedom)}, {Verdict(means.P)}",
            Spreads = spreads is null
                ? "not tested: a sample has no spread"
                : $"F-test: F {TableNumber.Statistic(spreads.F)} on ({spreads.NumeratorDegreesOfFreedom}, {spreads.DenominatorDegreesOfFreedom}) df, {Verdict(spreads.P)}",
        };
    }

    private static string Verdict(double p) =>
        $"p {TableNumber.PValue(p, JudgedNumber.Alpha)}: {(p >= JudgedNumber.Alpha ? Tally.Consistent : Tally.Inconsistent)}";
}
