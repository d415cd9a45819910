namespace Repro.Reproduction.Training;

/// <summary>Receives progress from a training run (the CLI draws progress bars from it).</summary>
public interface ITrainingObserver
{
    void EpochStarted(int epoch, int epochs, int steps);
    void StepCompleted(int step);
    void EpochCompleted(EpochRecord record);
}
