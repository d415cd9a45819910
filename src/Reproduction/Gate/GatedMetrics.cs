using Repro.Experiments;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Which metrics the gate compares for an experiment, by protocol, and the provisional band of
/// each for a first baseline made from a single seed (several seeds replace it with their measured spread).
/// </summary>
public static class GatedMetrics
{
    public const string ProvisionalDerivation =
        "Provisional bands (one seed, no measured spread): run with --seeds 3 or more and accept again to replace them with 3 × the seed-to-seed standard deviation.";

    public static IReadOnlyDictionary<string, double> ProvisionalTolerances(Experiment experiment) => experiment.Protocol switch
    {
        CrossValidation => new Dictionary<string, double>
        {
            [MetricNames.CvMeanAccuracy] = 0.01,
            [MetricNames.CvStdAccuracy] = 0.005,
            [MetricNames.CvMeanLoss] = 0.03,
            [MetricNames.CvMeanMacroF1] = 0.01,
        },
        _ => new Dictionary<string, double>
        {
            [MetricNames.TestAccuracy] = 0.01,
            [MetricNames.TestLoss] = 0.03,
            [MetricNames.TestMacroF1] = 0.01,
        },
    };
}
