using Repro.Reproduction.Results;

namespace Repro.Reproduction.Gate;

/// <summary>A result's values of one gated metric: the first seed's step losses (fold after fold), or its value of a scalar metric.</summary>
internal static class ReceivedValues
{
    /// <summary>Empty when the result lacks the metric.</summary>
    public static IReadOnlyList<double> Of(ResultFile result, string metric) => metric == GatedMetricNames.StepLosses
        ? FirstSeedRuns(result).SelectMany(r => r.StepLosses).ToList()
        : result.FirstSeed.TryGetValue(metric, out var value) ? [value] : [];

    /// <summary>The first seed's training runs in fold order.</summary>
    public static IReadOnlyList<RunTrace> FirstSeedRuns(ResultFile result) =>
        result.Runs.Where(r => r.Seed == result.Seeds[0].Seed).OrderBy(r => r.Fold ?? 0).ToList();
}
