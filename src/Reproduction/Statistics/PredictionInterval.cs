namespace Repro.Reproduction.Statistics;

/// <summary>
/// Where one new draw of a normally distributed quantity falls with probability 1 − α, given n
/// earlier draws with mean m and sample sd s: m ± t(1 − α/2, n − 1)·s·√(1 + 1/n). The √(1 + 1/n)
/// carries the uncertainty of m itself, and t (not z) that of s, so the coverage is exact for any
/// n ≥ 2 under normality — which a band of "3 × s" from three seeds is not.
/// </summary>
public sealed record PredictionInterval(double Low, double High)
{
    public static PredictionInterval Of(Sample reference, double alpha, MetricRange range)
    {
        if (reference.Count < 2) throw new ArgumentException("A prediction interval needs at least two reference draws.", nameof(reference));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1).");
        var half = StudentT.Quantile(1 - (alpha / 2), reference.Count - 1) * reference.StandardDeviation * Math.Sqrt(1 + (1.0 / reference.Count));
        return new PredictionInterval(range.Clamp(reference.Mean - half), range.Clamp(reference.Mean + half));
    }

    /// <summary>
    /// Where another seed's mean over k folds falls with probability 1 − α, given one seed's mean and its k folds:
    /// mean ± t(1 − α/2, k − 1)·s·√(2/k), s the folds' sample sd. Both means carry a fold variance σ²/k, so their
    /// difference has 2σ²/k, estimated from the folds on k − 1 degrees of freedom. With the split fixed, the folds
    /// also differ by how hard each is, which the seeds do not vary: s overstates σ and the interval errs wide.
    /// </summary>
    public static PredictionInterval OfFoldMean(double mean, Sample folds, double alpha, MetricRange range)
    {
        if (folds.Count < 2) throw new ArgumentException("A fold-based interval needs at least two folds.", nameof(folds));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1).");
        var half = StudentT.Quantile(1 - (alpha / 2), folds.Count - 1) * folds.StandardDeviation * Math.Sqrt(2.0 / folds.Count);
        return new PredictionInterval(range.Clamp(mean - half), range.Clamp(mean + half));
    }

    /// <summary>
    /// Where another seed's spread over k folds falls with probability 1 − α, given one seed's spread s over its k
    /// folds: the ratio of two such variances follows F(k − 1, k − 1) under normality, so the interval is
    /// [s·√F(α/2), s·√F(1 − α/2)]. It holds for np.std (ddof 0) as for the sample sd: both scale the variance alike.
    /// </summary>
    public static PredictionInterval OfFoldSpread(double spread, int folds, double alpha, MetricRange range)
    {
        if (folds < 2) throw new ArgumentException("A fold-based interval needs at least two folds.", nameof(folds));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1).");
        return new PredictionInterval(
            range.Clamp(spread * Math.Sqrt(FisherF.Quantile(alpha / 2, folds - 1, folds - 1))),
            range.Clamp(spread * Math.Sqrt(FisherF.Quantile(1 - (alpha / 2), folds - 1, folds - 1))));
    }

    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>How far <paramref name="value"/> lies outside, 0 when inside.</summary>
    public double Excess(double value) => value < Low ? Low - value : value > High ? value - High : 0;
}
