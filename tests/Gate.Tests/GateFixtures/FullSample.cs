using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Statistics;

namespace Repro.Gate.Tests.GateFixtures;

/// <summary>
/// Ten seeds of a hold-out experiment, the gated seed 42 first, with values a step of 0.01 apart so
/// that each metric's mean, sd and prediction interval can be worked out by hand: accuracy 0.80 … 0.89
/// (mean 0.845, sd 0.0302765…), loss 0.39 … 0.30, macro F1 0.79 … 0.88.
/// </summary>
internal static class FullSample
{
    public static readonly ulong[] Seeds = [42, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    public static readonly double[] Accuracy = [0.80, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89];
    public static readonly double[] Loss = [0.39, 0.38, 0.37, 0.36, 0.35, 0.34, 0.33, 0.32, 0.31, 0.30];
    public static readonly double[] MacroF1 = [0.79, 0.80, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88];

    public static IReadOnlyDictionary<string, double[]> Values => new Dictionary<string, double[]>
    {
        [MetricNames.TestAccuracy] = Accuracy,
        [MetricNames.TestLoss] = Loss,
        [MetricNames.TestMacroF1] = MacroF1,
    };

    /// <summary>Adds the ten seeds to <paramref name="result"/>, the gated seed's metrics overridden by <paramref name="gatedSeedChanges"/>.</summary>
    public static ResultJson AddTo(ResultJson result, Dictionary<string, double>? gatedSeedChanges = null)
    {
        for (var i = 0; i < Seeds.Length; i++)
        {
            var metrics = Values.ToDictionary(m => m.Key, m => m.Value[i]);
            if (i == 0) foreach (var (name, value) in gatedSeedChanges ?? []) metrics[name] = value;
            result.Seed(Seeds[i], metrics);
        }

        return result;
    }

    /// <summary>The baseline these seeds make on <paramref name="engine"/>, as `./build.sh Accept` would write it.</summary>
    public static Baseline Baseline(EngineFingerprint engine) => new(
        GateWorkspace.Id, 1, GateWorkspace.DefinitionHash, "full", "cpu", Seeds, engine, FalseAlarmBudget.Describe,
        Values.ToDictionary(m => m.Key, m => (BaselineMetric)Distribution(m.Key, m.Value, FalseAlarmBudget.PerMetricAlpha)));

    public static DistributionMetric Distribution(string metric, IReadOnlyList<double> values, double alpha) =>
        new(values, alpha, PredictionInterval.Of(new Sample(values), alpha, MetricRange.Of(metric)));
}
