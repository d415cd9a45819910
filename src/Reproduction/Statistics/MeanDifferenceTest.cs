namespace Repro.Reproduction.Statistics;

/// <summary>
/// A two-sided t-test that a difference has mean zero, when its variance is a sum of independent
/// terms each estimated on its own degrees of freedom, plus optionally a known part (the rounding of
/// a printed number): t = difference / √(Σv + known), with the degrees of freedom by
/// Welch–Satterthwaite over the estimated terms, (Σv)² / Σ(v²/df). Welch's two-sample test is the
/// case of two terms s²/n.
/// </summary>
/// <remarks>
/// The known part widens the standard error but is left out of the degrees of freedom. Satterthwaite
/// would count it there as certain, raising them, and with few seeds that can make a number's rounding
/// turn a consistent verdict inconsistent; leaving it out errs toward the wider t distribution.
/// </remarks>
public sealed record MeanDifferenceTest(double Difference, double StandardError, double DegreesOfFreedom)
{
    public double T => Difference / StandardError;

    public double P => StudentT.TwoSidedP(T, DegreesOfFreedom);

    /// <exception cref="ArgumentException">No estimated term has a variance above zero: then the difference can only be judged by equality.</exception>
    public static MeanDifferenceTest Of(double difference, IReadOnlyList<VarianceTerm> estimated, double knownVariance = 0)
    {
        if (estimated.Any(term => !(term.DegreesOfFreedom > 0) || !(term.Variance >= 0)) || !(knownVariance >= 0))
            throw new ArgumentException("Every variance needs to be ≥ 0, and every estimated one to rest on degrees of freedom > 0.", nameof(estimated));
        var variance = estimated.Sum(term => term.Variance);
        var uncertainty = estimated.Sum(term => term.Variance * term.Variance / term.DegreesOfFreedom);
        if (!(uncertainty > 0))
            throw new ArgumentException("A t-test needs an estimated variance term above zero; without one the difference can only be judged by equality.", nameof(estimated));
        return new MeanDifferenceTest(difference, Math.Sqrt(variance + knownVariance), variance * variance / uncertainty);
    }

    /// <summary>Welch's t-test of equal means, <paramref name="a"/>'s minus <paramref name="b"/>'s, without assuming equal variances.</summary>
    public static MeanDifferenceTest Welch(Sample a, Sample b) => Of(a.Mean - b.Mean, [VarianceTerm.OfMean(a), VarianceTerm.OfMean(b)]);
}
