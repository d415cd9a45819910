using Repro.Reproduction.Training;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Progress of a batch of experiments: which training starts, which is reused or rejected from the run cache,
/// and each training's epochs. Trainings may run side by side: every method can be called from several threads.
/// </summary>
public interface IRunObserver
{
    /// <summary>A training starts; <paramref name="index"/> of <paramref name="total"/> trainings this batch needs.</summary>
    /// <returns>What receives this training's epochs and steps.</returns>
    ITrainingObserver TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter);

    /// <summary>A training finished (or was found in the run cache and skipped).</summary>
    void TrainingFinished(TrainingRun run, bool reused);

    /// <summary>The run cache holds a file for <paramref name="run"/> that failed verification; the run is trained again.</summary>
    /// <param name="run">The run whose record was rejected.</param>
    /// <param name="rejection">The file's path and what is wrong with it.</param>
    void CachedRunRejected(TrainingRun run, string rejection);

    /// <summary>A checkpoint of <paramref name="run"/> exists but cannot be resumed (corrupt, or from another engine); the training starts at epoch 1.</summary>
    /// <param name="run">The training.</param>
    /// <param name="rejection">The file's path and why it is refused.</param>
    void CheckpointRejected(TrainingRun run, string rejection);

    /// <summary>The training continues from its checkpoint after <paramref name="epoch"/>.</summary>
    void TrainingResumed(TrainingRun run, int epoch);

    void ExperimentFinished(ExperimentOutcome outcome);
}
