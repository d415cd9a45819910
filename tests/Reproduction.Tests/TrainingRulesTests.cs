using Repro.Experiments;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Tests;

public class TrainingRulesTests
{
    /// <summary>
    /// Report 002's CNN_1 log (seed-002 extraction, run 1): best val_loss at epoch 14, 19 epochs ran
    /// with patience 5. Any val_loss sequence whose minimum is at epoch b stops at b + 5.
    /// </summary>
    [Test]
    public void Early_stopping_stops_patience_epochs_after_the_best_val_loss()
    {
        var losses = Enumerable.Range(1, 30).Select(e => e <= 14 ? 2.0 - e * 0.1 : 0.6 + (e - 14) * 0.01).ToArray();
        var stopping = new EarlyStopping(new EarlyStoppingSpec(Patience: 5));
        var stoppedAt = Enumerable.Range(1, 30).First(e => stopping.ShouldStop(e, losses[e - 1]));
        Assert.That(stoppedAt, Is.EqualTo(19));
        Assert.That(stopping.BestEpoch, Is.EqualTo(14));
    }

    [Test]
    public void An_equal_val_loss_is_not_an_improvement()
    {
        var stopping = new EarlyStopping(new EarlyStoppingSpec(Patience: 2));
        Assert.That(stopping.ShouldStop(1, 1.0), Is.False);
        Assert.That(stopping.ShouldStop(2, 1.0), Is.False);
        Assert.That(stopping.ShouldStop(3, 1.0), Is.True);
        Assert.That(stopping.BestEpoch, Is.EqualTo(1));
    }

    [Test]
    public void Validation_follows_each_Keras_generations_rule()
    {
        // Report 003 (tf.keras): only validation_split.
        Assert.That(ValidationSpec.FromFitArguments(0.1, false, KerasGeneration.TfKeras2), Is.EqualTo(new LastFractionValidation(0.1)));
        // Report 002 (TF 2.8): both given, the split won.
        Assert.That(ValidationSpec.FromFitArguments(0.2, true, KerasGeneration.TfKeras2), Is.EqualTo(new LastFractionValidation(0.2)));
        // Report 004 (Keras 3): both given, validation_data won.
        Assert.That(ValidationSpec.FromFitArguments(0.2, true, KerasGeneration.Keras3), Is.EqualTo(new TestSetValidation()));
        Assert.That(ValidationSpec.FromFitArguments(0, false, KerasGeneration.Keras3), Is.EqualTo(new NoValidation()));
    }
}
