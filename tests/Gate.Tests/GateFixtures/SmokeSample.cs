using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests.GateFixtures;

/// <summary>A smoke run of seed 42: four training steps of a model whose longest dot product has 400 terms, then the evaluation loss.</summary>
internal static class SmokeSample
{
    public const long LargestFanIn = 400;
    public const double EvaluationLoss = 2.05;

    public static readonly double[] StepLosses = [2.302, 2.251, 2.197, 2.120];

    /// <summary>The tolerance of step <paramref name="step"/> (0-based: the updates before it).</summary>
    public static double StepTolerance(int step) => SmokeTolerance.Relative(LargestFanIn, step);

    /// <summary>The evaluation follows the last of the four updates.</summary>
    public static double EvaluationTolerance => SmokeTolerance.Relative(LargestFanIn, StepLosses.Length);

    public static ResultJson Result(EngineFingerprint? engine, double[]? stepLosses = null, double evaluationLoss = EvaluationLoss) =>
        new ResultJson { Profile = "smoke", Engine = engine }
            .Seed(42, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.25, [MetricNames.TestLoss] = evaluationLoss })
            .Run(42, null, stepLosses ?? StepLosses, LargestFanIn);

    public static Baseline Baseline(EngineFingerprint engine) => new(
        GateWorkspace.Id, 1, GateWorkspace.DefinitionHash, "smoke", "cpu", [42], engine, SmokeTolerance.Describe,
        new Dictionary<string, BaselineMetric>
        {
            [GatedMetricNames.StepLosses] = new TraceMetric(StepLosses, StepLosses.Select((_, step) => StepTolerance(step)).ToList()),
            [MetricNames.TestLoss] = new TraceMetric([EvaluationLoss], [EvaluationTolerance]),
        });
}
