using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Tests;

/// <summary>Counts what a batch of runs did: trainings started, runs reused, cache files and checkpoints rejected (with the message), resumptions.</summary>
internal sealed class CountingObserver : IRunObserver
{
    public int Trainings, Reused;
    public IReadOnlyCollection<int> EvaluatedAfter = [];
    public readonly List<string> Rejections = [];
    public readonly List<string> CheckpointRejections = [];
    public readonly List<int> ResumedAfter = [];

    public void TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter)
    {
        Trainings++;
        EvaluatedAfter = evaluatedAfter;
    }

    public void TrainingFinished(TrainingRun run, bool reused) => Reused += reused ? 1 : 0;
    public void CachedRunRejected(TrainingRun run, string rejection) => Rejections.Add(rejection);
    public void CheckpointRejected(TrainingRun run, string rejection) => CheckpointRejections.Add(rejection);
    public void TrainingResumed(TrainingRun run, int epoch) => ResumedAfter.Add(epoch);
    public void ExperimentFinished(ExperimentOutcome outcome) { }
    public void EpochStarted(int epoch, int epochs, int steps) { }
    public void StepCompleted(int step) { }
    public void EpochCompleted(EpochRecord record) { }
}
