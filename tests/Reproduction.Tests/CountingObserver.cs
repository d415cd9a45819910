using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Counts what a batch of runs did: trainings started, runs reused, cache files and checkpoints rejected (with the
/// message), resumptions; and the most trainings that ran at once. Trainings side by side call it from several threads.
/// </summary>
internal sealed class CountingObserver : IRunObserver, ITrainingObserver
{
    private int running;
    public int MostAtOnce;
    public int Trainings, Reused;
    public IReadOnlyCollection<int> EvaluatedAfter = [];
    public readonly List<string> Rejections = [];
    public readonly List<string> CheckpointRejections = [];
    public readonly List<int> ResumedAfter = [];

    public ITrainingObserver TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter)
    {
        lock (this)
        {
            Trainings++;
            EvaluatedAfter = evaluatedAfter;
            MostAtOnce = Math.Max(MostAtOnce, ++running);
        }
        return this;
    }

    public void TrainingFinished(TrainingRun run, bool reused)
    {
        lock (this)
        {
            if (reused) Reused++;
            else running--;
        }
    }

    public void CachedRunRejected(TrainingRun run, string rejection) { lock (this) Rejections.Add(rejection); }
    public void CheckpointRejected(TrainingRun run, string rejection) { lock (this) CheckpointRejections.Add(rejection); }
    public void TrainingResumed(TrainingRun run, int epoch) { lock (this) ResumedAfter.Add(epoch); }
    public void ExperimentFinished(ExperimentOutcome outcome) { }
    public void EpochStarted(int epoch, int epochs, int steps) { }
    public void StepCompleted(int step) { }
    public void EpochCompleted(EpochRecord record) { }
}
