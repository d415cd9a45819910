using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Tests;

/// <summary>Counts what a batch of runs did: trainings started, runs reused, cache files rejected (with the message).</summary>
internal sealed class CountingObserver : IRunObserver
{
    public int Trainings, Reused;
    public IReadOnlyCollection<int> EvaluatedAfter = [];
    public readonly List<string> Rejections = [];

    public void TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter)
    {
        Trainings++;
        EvaluatedAfter = evaluatedAfter;
    }

    public void TrainingFinished(TrainingRun run, bool reused) => Reused += reused ? 1 : 0;
    public void CachedRunRejected(TrainingRun run, string rejection) => Rejections.Add(rejection);
    public void ExperimentFinished(ExperimentOutcome outcome) { }
    public void EpochStarted(int epoch, int epochs, int steps) { }
    public void StepCompleted(int step) { }
    public void EpochCompleted(EpochRecord record) { }
}
