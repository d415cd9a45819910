using System.Globalization;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Gate;

/// <summary>What a baseline holds for one gated metric.</summary>
/// <param name="Values">For a full-profile metric, its value for each of the baseline's seeds, in the order of its seed list;
/// for a trace, the gated seed's values along the training steps.</param>
public abstract record BaselineMetric(IReadOnlyList<double> Values)
{
    /// <summary>What a run on the baseline's own engine must reproduce bit for bit.</summary>
    public abstract IReadOnlyList<double> Exact { get; }
}

/// <summary>
/// A full-profile metric: the gated seed's value, which its own platform must reproduce bit for bit, and the two-sided
/// prediction interval in which one new draw from another platform falls with probability 1 − α.
/// </summary>
public abstract record IntervalMetric(IReadOnlyList<double> Values, double Alpha, PredictionInterval Interval) : BaselineMetric(Values)
{
    /// <summary>The first seed's value: the gated seed, which the gate re-runs.</summary>
    public override IReadOnlyList<double> Exact => [Values[0]];

    /// <summary>What the interval was derived from, in words for the gate's messages.</summary>
    public abstract string Basis { get; }
}

/// <summary>A metric's reference distribution over the baseline's seeds (two or more): the interval of <see cref="PredictionInterval.Of"/>.</summary>
public sealed record DistributionMetric(IReadOnlyList<double> Values, double Alpha, PredictionInterval Interval) : IntervalMetric(Values, Alpha, Interval)
{
    public Sample Sample => new(Values);

    public override string Basis =>
        $"mean {MetricCheck.Number(Sample.Mean)}, sd {MetricCheck.Number(Sample.StandardDeviation)}, n {Sample.Count}, α {MetricCheck.Number(Alpha)}";
}

/// <summary>
/// A cross-validation metric of a single-seed baseline: with one seed there is no spread over seeds, so the
/// interval comes from the seed's own folds (<see cref="PredictionInterval.OfFoldMean"/> for a mean over folds,
/// <see cref="PredictionInterval.OfFoldSpread"/> for their spread). <paramref name="Folds"/> holds the fold scores it
/// was made from.
/// </summary>
public sealed record FoldSpreadMetric(IReadOnlyList<double> Values, FoldStatistic Statistic, IReadOnlyList<double> Folds, double Alpha, PredictionInterval Interval)
    : IntervalMetric(Values, Alpha, Interval)
{
    /// <summary>The metric of one seed whose value summarises <paramref name="folds"/> by <paramref name="statistic"/>.</summary>
    public static FoldSpreadMetric Of(string name, double value, FoldStatistic statistic, IReadOnlyList<double> folds, double alpha) =>
        new([value], statistic, folds, alpha, statistic switch
        {
            FoldStatistic.Mean => PredictionInterval.OfFoldMean(value, new Sample(folds), alpha, MetricRange.Of(name)),
            FoldStatistic.StandardDeviation => PredictionInterval.OfFoldSpread(value, folds.Count, alpha, MetricRange.Of(name)),
            _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "Only a mean or a spread over folds is gated."),
        });

    public override string Basis =>
        $"one seed's {Folds.Count} folds, fold sd {MetricCheck.Number(new Sample(Folds).StandardDeviation)}, α {MetricCheck.Number(Alpha)}";

    /// <summary>The statistic's name in a baseline file.</summary>
    public static string StatisticName(FoldStatistic statistic) => statistic switch
    {
        FoldStatistic.Mean => "mean",
        FoldStatistic.StandardDeviation => "std",
        _ => statistic.ToString().ToLower(CultureInfo.InvariantCulture),
    };
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
