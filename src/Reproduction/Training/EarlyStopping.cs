using Repro.Experiments;

namespace Repro.Reproduction.Training;

/// <summary>
/// Keras's EarlyStopping for a monitored loss (keras/callbacks/early_stopping.py): an epoch
/// improves when val_loss &lt; best − min_delta; after <c>patience</c> epochs without improvement
/// training stops, keeping the last epoch's weights (restore_best_weights=False), so the stop
/// epoch is the best epoch + patience.
/// </summary>
public sealed class EarlyStopping(EarlyStoppingSpec spec)
{
    private double best = double.PositiveInfinity;
    private int wait;

    public int BestEpoch { get; private set; }

    /// <summary>What the callback remembers between epochs, for a checkpoint.</summary>
    public sealed record State(double Best, int Wait, int BestEpoch);

    public State Saved => new(best, wait, BestEpoch);

    public void Restore(State state) => (best, wait, BestEpoch) = (state.Best, state.Wait, state.BestEpoch);

    /// <summary>Records one epoch's val_loss; true when training should stop after it.</summary>
    public bool ShouldStop(int epoch, double validationLoss)
    {
        if (validationLoss < best - spec.MinDelta)
        {
            best = validationLoss;
            BestEpoch = epoch;
            wait = 0;
            return false;
        }
        wait++;
        return wait >= spec.Patience;
    }
}
