namespace Repro.Reproduction.Statistics;

/// <summary>The F-test of equal variances: F = s_a² / s_b² on (n_a − 1, n_b − 1) degrees of freedom, two-sided.</summary>
public sealed record VarianceRatioTest(double F, int NumeratorDegreesOfFreedom, int DenominatorDegreesOfFreedom)
{
    public double P => FisherF.TwoSidedP(F, NumeratorDegreesOfFreedom, DenominatorDegreesOfFreedom);

    /// <exception cref="ArgumentException">A sample has fewer than two draws or no spread, so there is no ratio to test.</exception>
    public static VarianceRatioTest Of(Sample a, Sample b)
    {
        if (!(a.Variance > 0 && b.Variance > 0))
            throw new ArgumentException("An F-test needs two samples of at least two draws, each with a spread above zero.");
        return new VarianceRatioTest(a.Variance / b.Variance, a.Count - 1, b.Count - 1);
    }
}
