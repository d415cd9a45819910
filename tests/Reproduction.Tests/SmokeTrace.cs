using Repro.Reproduction.Gate;

namespace Repro.Reproduction.Tests;

/// <summary>What the smoke gate compares of one training: its step losses and its evaluation loss, and the fan-in their tolerances scale with.</summary>
internal sealed record SmokeTrace(IReadOnlyList<double> StepLosses, double EvaluationLoss, long LargestFanIn)
{
    /// <summary>These step losses as a baseline holds them: step s's loss is computed after s − 1 updates.</summary>
    public TraceMetric StepMetric => new(StepLosses, StepLosses.Select((_, updates) => SmokeTolerance.Relative(LargestFanIn, updates)).ToList());

    /// <summary>The evaluation loss as a baseline holds it: after every update of the epoch.</summary>
    public TraceMetric EvaluationMetric => new([EvaluationLoss], [SmokeTolerance.Relative(LargestFanIn, StepLosses.Count)]);
}
