using Repro.Experiments;

namespace Repro.Reproduction.Statistics;

/// <summary>The values a metric can take: accuracies and F1 in [0, 1], losses and spreads ≥ 0. No interval reaches outside.</summary>
public sealed record MetricRange(double Low, double High)
{
    private static readonly MetricRange Fraction = new(0, 1);
    private static readonly MetricRange NonNegative = new(0, double.PositiveInfinity);

    public static MetricRange Of(string metric) => MetricNames.IsFraction(metric) ? Fraction : NonNegative;

    public double Clamp(double value) => Math.Clamp(value, Low, High);
}
