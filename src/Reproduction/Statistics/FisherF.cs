namespace Repro.Reproduction.Statistics;

/// <summary>Fisher's F distribution, for comparing two sample variances.</summary>
public static class FisherF
{
    /// <summary>P(F ≤ f); 1 at f = +∞, the ratio of a spread to a zero one.</summary>
    public static double Cdf(double f, double numeratorDf, double denominatorDf) =>
        f <= 0 ? 0 : double.IsPositiveInfinity(f) ? 1
            : IncompleteBeta.Regularized(numeratorDf * f / ((numeratorDf * f) + denominatorDf), numeratorDf / 2, denominatorDf / 2);

    /// <summary>Two-sided p-value of the variance-ratio test: twice the smaller tail (at most 1, since the smaller tail is at most ½).</summary>
    public static double TwoSidedP(double f, double numeratorDf, double denominatorDf)
    {
        var lower = Cdf(f, numeratorDf, denominatorDf);
        return 2 * Math.Min(lower, 1 - lower);
    }
}
