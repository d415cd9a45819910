namespace Repro.Reproduction.Training;

/// <summary>How a training survives interruption: where it resumes from, where each epoch's checkpoint goes, and when to stop early.</summary>
/// <param name="ResumeFrom">A verified checkpoint of this very training, or null to start at epoch 1.</param>
/// <param name="Save">Receives the checkpoint after every epoch that is not the last.</param>
/// <param name="Stop">Once cancelled, the training stops after the current epoch's checkpoint with an <see cref="OperationCanceledException"/>.</param>
public sealed record Checkpointing(TrainingCheckpoint? ResumeFrom, Action<TrainingCheckpoint> Save, CancellationToken Stop);
