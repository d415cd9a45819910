using Repro.Experiments;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// One printed number set against Repro's seeds of its experiment: the cells of its row and what the
/// summary line counts it under. The verdict is a two-sided test of equal means. Under them,
/// printed − mean has variance σ_K² + σ_R²/n (+ h²/3 for a number the report rounded to d decimals,
/// h = half a unit of the last, the variance of a uniform rounding error): σ_K the report's own
/// spread of the metric (<see cref="ReportDefinition.Spread"/>), σ_R the seeds' sample deviation.
/// Where the report shows no spread, σ_R stands in for σ_K: the variance is σ_R²(1 + 1/n), one
/// estimate on n − 1 degrees of freedom, and the row says so, since a spread from seeds on one CPU
/// can be narrower than the one the printed number was drawn from. A cross-validation that ran one seed
/// takes σ_R from that seed's folds (<see cref="ReproEstimate.OverFolds"/>).
/// </summary>
internal sealed record JudgedNumber(string Reproduced, string Percentile, string SpreadUsed, string Test, string Verdict, string CountedAs)
{
    public const double Alpha = 0.05;

    // Absorbs the binary noise of decimal literals when judging by equality (0.88205 + 0.00005 is not exactly 0.8821).
    private const double EdgeSlack = 1e-12;

    public static JudgedNumber Of(ReportDefinition report, ResultFile result, ReportedNumber printed)
    {
        var measured = result.Seeds.Where(seed => seed.MetricValues.ContainsKey(printed.Metric)).Select(seed => seed.MetricValues[printed.Metric]).ToList();
        if (measured.Count == 0) return NotJudgedRow(NotJudged.NotMeasured, $"no seed measured {printed.Metric}");
        if (!double.IsFinite(printed.Value)) return NotJudgedRow(NotJudged.NotFinite, $"the report printed {printed.Value}, not a finite number");
        var nonFinite = measured.Count(value => !double.IsFinite(value));
        if (nonFinite > 0) return NotJudgedRow(NotJudged.NotFinite, $"{nonFinite} of {measured.Count} seeds gave a value that is not a finite number");
        var repro = measured.Count >= 2 ? ReproEstimate.OverSeeds(new Sample(measured)) : ReproEstimate.OverFolds(result, printed.Metric, measured[0]);
        if (repro is null) return NotJudgedRow(NotJudged.OneSeed, $"only one seed measured {printed.Metric}, and no folds of it give a spread");

        var row = new JudgedNumber(repro.Reproduced, repro.Percentile(printed.Value), "", "", "", "");
        IReadOnlyList<VarianceTerm> estimated;
        if (report.Spread.TryGetValue(printed.Metric, out var reported))
        {
            estimated = [new VarianceTerm(reported.StandardDeviation * reported.StandardDeviation, reported.DegreesOfFreedom), repro.Term];
            row = row with { SpreadUsed = $"σ_K {TableNumber.Format(reported.StandardDeviation)} (report, {reported.Draws} draws){repro.SpreadNote}" };
        }
        else
        {
            estimated = [repro.StandingInForReport];
            row = row with { SpreadUsed = $"σ_R (the report shows none){repro.SpreadNote}" };
        }

        var halfUnit = printed.Decimals is { } decimals ? 0.5 * Math.Pow(10, -decimals) : 0;
        var difference = printed.Value - repro.Value;
        if (estimated.Sum(term => term.Variance) == 0)
        {
            // Every seed gave one value and the report shows no spread: nothing random is left to test
            // with, so the printed number either is that value (within its rounding) or is not.
            return Math.Abs(difference) <= halfUnit + EdgeSlack
                ? row with { Test = "none: every seed gave the same value", Verdict = $"{Tally.Consistent} (equal)", CountedAs = Tally.Consistent }
                : row with { Test = "none: every seed gave the same value", Verdict = $"{Tally.Inconsistent} (differs)", CountedAs = Tally.Inconsistent };
        }

        var test = MeanDifferenceTest.Of(difference, estimated, knownVariance: halfUnit * halfUnit / 3);
        var consistent = test.P >= Alpha;
        return row with
        {
            Test = $"t {TableNumber.Statistic(test.T)}, df {TableNumber.DegreesOfFreedom(test.DegreesOfFreedom)}",
            Verdict = $"{(consistent ? Tally.Consistent : Tally.Inconsistent)} (p {TableNumber.PValue(test.P, Alpha)})",
            CountedAs = consistent ? Tally.Consistent : Tally.Inconsistent,
        };
    }

    /// <summary>
    /// What Repro measured of a number and how uncertain it is: the mean over seeds with the variance of that mean, or,
    /// for a cross-validation that ran one seed, the seed's value with a variance from its folds (s²/k for a mean over
    /// k folds, s² for one fold's score, on k − 1 degrees of freedom). With the split fixed the folds also differ by
    /// how hard each is, which seeds do not vary, so the fold estimate errs large and the test towards "consistent".
    /// </summary>
    private sealed record ReproEstimate(double Value, string Reproduced, VarianceTerm Term, Sample? Seeds, string SpreadNote)
    {
        public static ReproEstimate OverSeeds(Sample seeds) =>
            new(seeds.Mean, TableNumber.MeanAndSpread(seeds), VarianceTerm.OfMean(seeds), seeds, "");

        public static ReproEstimate? OverFolds(ResultFile result, string metric, double value)
        {
            var folds = RunTrace.FoldsOf(result.Runs, result.Seeds[0].Seed);
            if (CrossValidationSummary.Of(metric, folds.Count) is not { Statistic: FoldStatistic.Mean or FoldStatistic.OneFold } summary) return null;
            var scores = new Sample(folds.Select(summary.Score).ToList());
            if (!scores.Values.All(double.IsFinite)) return null;
            var variance = summary.Statistic == FoldStatistic.Mean ? scores.Variance / scores.Count : scores.Variance;
            return new(value, $"{TableNumber.Format(value)} (1 seed)", new VarianceTerm(variance, scores.Count - 1), null,
                $"; σ_R from Repro's {scores.Count} folds of one seed (sd {TableNumber.Format(scores.StandardDeviation)})");
        }

        /// <summary>Where the report shows no spread, Repro's stands in for it: two draws of the same variance.</summary>
        public VarianceTerm StandingInForReport => Seeds is { } seeds
            ? new VarianceTerm(seeds.Variance * (1 + (1.0 / seeds.Count)), seeds.Count - 1)
            : Term with { Variance = 2 * Term.Variance };

        public string Percentile(double printed) => Seeds is { } seeds ? TableNumber.Percent(seeds.Percentile(printed)) : "";
    }

    private static JudgedNumber NotJudgedRow(string kind, string reason) =>
        new("", "", "", "", $"{Tally.NotJudged}: {reason}", kind);
}
