namespace Repro.Reproduction.Statistics;

/// <summary>One independent, estimated part of a difference's variance, and the degrees of freedom its estimate rests on.</summary>
public sealed record VarianceTerm(double Variance, double DegreesOfFreedom)
{
    /// <summary>The variance of a sample's mean, s²/n, estimated on n − 1 degrees of freedom.</summary>
    public static VarianceTerm OfMean(Sample sample) => new(sample.Variance / sample.Count, sample.Count - 1);
}
