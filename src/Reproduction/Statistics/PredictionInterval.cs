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

    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>How far <paramref name="value"/> lies outside, 0 when inside.</summary>
    public double Excess(double value) => value < Low ? Low - value : value > High ? value - High : 0;
}
