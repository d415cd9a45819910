namespace Repro.Reproduction.Statistics;

/// <summary>Student's t distribution: its CDF through the incomplete beta function, and its quantiles by bisection on the CDF.</summary>
public static class StudentT
{
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        var tail = 0.5 * IncompleteBeta.Regularized(degreesOfFreedom / (degreesOfFreedom + (t * t)), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value of a t statistic: P(|T| ≥ |t|).</summary>
    public static double TwoSidedP(double t, double degreesOfFreedom) =>
        double.IsNaN(t) ? double.NaN : 2 * Cdf(-Math.Abs(t), degreesOfFreedom);

    /// <summary>The t with Cdf(t) = p; bisection to double precision, since it runs a few dozen times per gate at most.</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs 0 < p < 1.");
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        if (p < 0.5) return -Quantile(1 - p, degreesOfFreedom);
        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < p) high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-14 * high; i++)
        {
            var middle = 0.5 * (low + high);
            if (Cdf(middle, degreesOfFreedom) < p) low = middle;
            else high = middle;
        }

        return 0.5 * (low + high);
    }
}
