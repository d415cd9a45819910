using Repro.Experiments.Definitions;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Training;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>fit() and evaluate() on a small synthetic set, with report 003's model and settings.</summary>
public class KerasFitTests
{
    private static readonly Experiments.Experiment Tiny = Report003.LeNet5HoldOut with
    {
        Training = Report003.LeNet5HoldOut.Training with { Epochs = 2, BatchSize = 32 },
    };

    [Test]
    public void Validation_split_holds_out_the_last_fraction()
    {
        var outcome = Train(seed: 1);
        Assert.That(outcome.TrainCount, Is.EqualTo(360));
        Assert.That(outcome.ValidationCount, Is.EqualTo(40));
        Assert.That(outcome.Final.History, Has.Count.EqualTo(2));
        outcome.Model.Dispose();
    }

    [Test]
    public void Same_seed_repeats_every_metric_exactly_and_another_seed_does_not()
    {
        var first = Train(seed: 7);
        var second = Train(seed: 7);
        var other = Train(seed: 8);
        Assert.That(second.Final.History, Is.EqualTo(first.Final.History.Select(h => h with { Seconds = second.Final.History[h.Epoch - 1].Seconds })));
        Assert.That(second.Final.Evaluation.Predictions, Is.EqualTo(first.Final.Evaluation.Predictions));
        Assert.That(other.Final.History[0].Loss, Is.Not.EqualTo(first.Final.History[0].Loss));
        foreach (var o in new[] { first, second, other }) o.Model.Dispose();
    }

    [Test]
    public void Test_set_validation_trains_on_everything_and_early_stopping_ends_the_run()
    {
        var experiment = Tiny with
        {
            Training = Tiny.Training with
            {
                Epochs = 30,
                Validation = new Experiments.TestSetValidation(),
                EarlyStopping = new Experiments.EarlyStoppingSpec(Patience: 1, MinDelta: 10),
            },
        };
        var outcome = Train(seed: 3, experiment);
        Assert.That(outcome.TrainCount, Is.EqualTo(400));
        Assert.That(outcome.ValidationCount, Is.EqualTo(100));
        // min_delta 10 makes every epoch after the first a non-improvement: stop after epoch 2.
        Assert.That(outcome.Final.History, Has.Count.EqualTo(2));
        Assert.That(outcome.Final.BestEpoch, Is.EqualTo(1));
        outcome.Model.Dispose();
    }

    [Test]
    public void Training_reduces_the_loss_on_a_learnable_pattern()
    {
        var outcome = Train(seed: 2);
        Assert.That(outcome.Final.History[^1].Loss, Is.LessThan(outcome.Final.History[0].Loss));
        outcome.Model.Dispose();
    }

    [Test]
    public void Evaluating_after_epoch_two_of_a_three_epoch_run_equals_the_two_epoch_run()
    {
        var twoEpochs = Train(seed: 5, Tiny with { Training = Tiny.Training with { Epochs = 2 } });
        var threeEpochs = Train(seed: 5, Tiny with { Training = Tiny.Training with { Epochs = 3 } }, evaluateAfter: [2]);
        var atTwo = threeEpochs.Snapshots.Single(s => s.Epoch == 2);
        Assert.Multiple(() =>
        {
            Assert.That(threeEpochs.Snapshots.Select(s => s.Epoch), Is.EqualTo(new[] { 2, 3 }));
            Assert.That(atTwo.Evaluation.Loss, Is.EqualTo(twoEpochs.Final.Evaluation.Loss), "bit-identical loss");
            Assert.That(atTwo.Evaluation.Predictions, Is.EqualTo(twoEpochs.Final.Evaluation.Predictions));
            Assert.That(atTwo.History.Select(h => h.Loss), Is.EqualTo(twoEpochs.Final.History.Select(h => h.Loss)));
            Assert.That(threeEpochs.Final.Evaluation.Loss, Is.Not.EqualTo(atTwo.Evaluation.Loss));
        });
        twoEpochs.Model.Dispose();
        threeEpochs.Model.Dispose();
    }

    [Test]
    public void Early_stopping_allows_evaluation_only_at_the_end()
    {
        var experiment = Tiny with { Training = Tiny.Training with { EarlyStopping = new Experiments.EarlyStoppingSpec(Patience: 3) } };
        Assert.Throws<ArgumentException>(() => Train(seed: 1, experiment, evaluateAfter: [1]));
    }

    /// <summary>400 noise images whose label is the image's brightest quadrant pair, so there is something to learn.</summary>
    private static KerasFit.Outcome Train(ulong seed, Experiments.Experiment? experiment = null, IReadOnlyCollection<int>? evaluateAfter = null)
    {
        var random = new Random(11);
        var pixels = new byte[400 * 28 * 28];
        var labels = new byte[400];
        for (var i = 0; i < 400; i++)
        {
            labels[i] = (byte)(i % 10);
            for (var p = 0; p < 784; p++)
                pixels[i * 784 + p] = (byte)(random.Next(128) + (p % 28 / 3 == labels[i] ? 127 : 0));
        }
        using var train = LabelledImages.FromBytes(pixels, labels, (1, 28, 28), 255);
        using var test = train.Slice(0, 100);
        return KerasFit.Run(experiment ?? Tiny, train, test, test, seed, new SilentObserver(), evaluateAfter);
    }

    private sealed class SilentObserver : ITrainingObserver
    {
        public void EpochStarted(int epoch, int epochs, int steps) { }
        public void StepCompleted(int step) { }
        public void EpochCompleted(EpochRecord record) { }
    }
}
