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

    /// <summary>The f with Cdf(f) = p; bisection to double precision, as <see cref="StudentT.Quantile"/>.</summary>
    public static double Quantile(double p, double numeratorDf, double denominatorDf)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs 0 < p < 1.");
        if (!(numeratorDf > 0 && denominatorDf > 0)) throw new ArgumentOutOfRangeException(nameof(numeratorDf), "Degrees of freedom must be positive.");
        double low = 0, high = 1;
        while (Cdf(high, numeratorDf, denominatorDf) < p) high *= 2;
        for (var i = 0; i < 400 && high - low > 1e-14 * high; i++)
        {
            var middle = 0.5 * (low + high);
            if (Cdf(middle, numeratorDf, denominatorDf) < p) low = middle;
            else high = middle;
        }

        return 0.5 * (low + high);
    }
}
