namespace Repro.Reproduction.Training;

/// <summary>
/// One line of Keras's fit() log: training loss and accuracy as running means over the epoch's
/// batches (dropout active, weights changing), then validation loss and accuracy at its end.
/// </summary>
public sealed record EpochRecord(int Epoch, double Loss, double Accuracy, double ValidationLoss, double ValidationAccuracy, double Seconds);
