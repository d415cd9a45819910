using Repro.Reproduction.Training;

namespace Repro.Reproduction.Runs;

/// <summary>Progress of a batch of experiments: which training starts, which is reused, and each training's epochs.</summary>
public interface IRunObserver : ITrainingObserver
{
    /// <summary>A training starts; <paramref name="index"/> of <paramref name="total"/> trainings this batch needs.</summary>
    void TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter);

    /// <summary>A training finished (or was found in the run cache and skipped).</summary>
    void TrainingFinished(TrainingRun run, bool reused);

    void ExperimentFinished(ExperimentOutcome outcome);
}
