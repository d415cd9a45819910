using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Gate;

/// <summary>
/// The baseline a result would become if accepted: its seeds and engine, and for each gated
/// metric the distribution over its seeds (full profile; two seeds at least, ten recommended) or
/// the first seed's loss trace with its rounding tolerances (smoke). A cross-validation that ran one seed takes its
/// spread from that seed's folds (<see cref="FoldSpreadMetric"/>): its trainings can take hours, and one seed exact
/// on its own platform is still a gate.
/// </summary>
internal static class ReceivedBaseline
{
    public const int RecommendedSeeds = 10;

    /// <summary>The baseline, or the reason none can be made from this result.</summary>
    public static (Baseline? Baseline, string? Problem) From(ResultFile result, GateSubject subject)
    {
        if (result.Engine is null) return (null, "the result records no engine fingerprint (made by an older Repro); re-run it");
        var metrics = new SortedDictionary<string, BaselineMetric>(StringComparer.Ordinal);
        if (subject.Profile == "smoke")
        {
            foreach (var name in subject.MetricNames) if (Trace(result, name) is { } trace) metrics[name] = trace;
        }
        else
        {
            var folds = RunTrace.FoldsOf(result.Runs, result.Seeds[0].Seed);
            if (result.Seeds.Count < 2 && folds.Count == 0)
            {
                return (null, $"a full baseline is a distribution over seeds, and the result has one seed: run ./build.sh Reproduce --experiment {subject.ExperimentId} --seeds {RecommendedSeeds}");
            }

            foreach (var name in subject.MetricNames)
            {
                var metric = result.Seeds.Count < 2 ? (BaselineMetric?)FromFolds(name, result.FirstSeed, folds) : FromSeeds(name, result);
                if (metric is not null) metrics[name] = metric;
            }
        }

        if (metrics.Count == 0) return (null, $"the result has none of the gated metrics ({string.Join(", ", subject.MetricNames)})");
        var method = subject.Profile == "smoke" ? SmokeTolerance.Describe
            : result.Seeds.Count < 2 ? FalseAlarmBudget.DescribeFolds
            : FalseAlarmBudget.Describe;
        return (new Baseline(subject.ExperimentId, subject.Version, subject.DefinitionHash, subject.Profile, subject.Device,
            result.Seeds.Select(s => s.Seed).ToList(), result.Engine, method, metrics), null);
    }

    private static DistributionMetric? FromSeeds(string name, ResultFile result)
    {
        var values = result.Seeds.Select(s => s.MetricValues.TryGetValue(name, out var v) ? v : double.NaN).ToList();
        if (values.Any(v => !double.IsFinite(v))) return null;
        var alpha = FalseAlarmBudget.PerMetricAlpha;
        return new DistributionMetric(values, alpha, PredictionInterval.Of(new Sample(values), alpha, MetricRange.Of(name)));
    }

    /// <summary>A single seed's cross-validation metric with the spread of its folds; null for a metric no fold score makes.</summary>
    private static FoldSpreadMetric? FromFolds(string name, IReadOnlyDictionary<string, double> seed, IReadOnlyList<RunTrace> folds)
    {
        if (CrossValidationSummary.Of(name, folds.Count) is not { Statistic: FoldStatistic.Mean or FoldStatistic.StandardDeviation } summary) return null;
        var scores = folds.Select(summary.Score).ToList();
        return seed.TryGetValue(name, out var value) && double.IsFinite(value) && scores.All(double.IsFinite)
            ? FoldSpreadMetric.Of(name, value, summary.Statistic, scores, FalseAlarmBudget.PerMetricAlpha)
            : null;
    }

    private static TraceMetric? Trace(ResultFile result, string name)
    {
        var runs = ReceivedValues.FirstSeedRuns(result);
        if (runs.Count == 0 || runs.Any(r => r.LargestFanIn <= 0)) return null;
        if (name == GatedMetricNames.StepLosses)
        {
            var values = runs.SelectMany(r => r.StepLosses).ToList();
            var tolerances = runs.SelectMany(r => r.StepLosses.Select((_, step) => SmokeTolerance.Relative(r.LargestFanIn, step))).ToList();
            return values.Count > 0 && values.All(double.IsFinite) ? new TraceMetric(values, tolerances) : null;
        }

        // The evaluation follows the last update; a cross-validation's mean loss is as uncertain as its least certain fold.
        return result.FirstSeed.TryGetValue(name, out var value) && double.IsFinite(value)
            ? new TraceMetric([value], [runs.Max(r => SmokeTolerance.Relative(r.LargestFanIn, r.StepLosses.Count))])
            : null;
    }
}
