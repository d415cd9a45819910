using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Gate;

/// <summary>What a baseline holds for one gated metric.</summary>
/// <param name="Values">For a distribution, the metric's value for each of the baseline's seeds, in the order of its seed list;
/// for a trace, the gated seed's values along the training steps.</param>
public abstract record BaselineMetric(IReadOnlyList<double> Values)
{
    /// <summary>What a run on the baseline's own engine must reproduce bit for bit.</summary>
    public abstract IReadOnlyList<double> Exact { get; }
}

/// <summary>
/// A full-profile metric: its reference distribution over the baseline's seeds, and the two-sided
/// prediction interval in which one new draw from another engine falls with probability 1 − α.
/// </summary>
public sealed record DistributionMetric(IReadOnlyList<double> Values, double Alpha, PredictionInterval Interval) : BaselineMetric(Values)
{
    public Sample Sample => new(Values);

    /// <summary>The first seed's value: the gated seed, which the gate re-runs.</summary>
    public override IReadOnlyList<double> Exact => [Values[0]];
}

/// <summary>
/// A smoke-profile metric: one seed's losses along its training steps (or one loss after them), each
/// with the relative tolerance that float32 rounding on another engine can account for after that
/// many steps (<see cref="SmokeTolerance"/>).
/// </summary>
public sealed record TraceMetric(IReadOnlyList<double> Values, IReadOnlyList<double> RelativeTolerances) : BaselineMetric(Values)
{
    public override IReadOnlyList<double> Exact => Values;
}
