using System.Diagnostics;
using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Training;

/// <summary>
/// Keras's fit() followed by evaluate() on the test set. Validation is what the report's Keras
/// used (the last fraction of the training arrays, cut before any shuffling, or the test set);
/// the training part is reshuffled every epoch; early stopping, when asked, keeps the last
/// epoch's weights.
/// </summary>
public static class HoldOutTrainer
{
    public sealed record Outcome(KerasModel Model, IReadOnlyList<EpochRecord> History, Evaluation Test, long TrainCount, long ValidationCount, int? BestEpoch);

    public static Outcome Run(Experiment experiment, LabelledImages train, LabelledImages test, ulong seed, ITrainingObserver observer)
    {
        var spec = experiment.Training;
        var seeds = new SeedStreams(seed);
        var (fit, validation) = Split(spec.Validation, train, test);
        using var _ = fit;
        var earlyStopping = spec.EarlyStopping is { } stopping ? new EarlyStopping(stopping) : null;

        using var initialisation = new Generator(seeds.Initialisation);
        var model = KerasModel.Build(experiment.Model, experiment.InputShape, initialisation);
        using var optimizer = KerasTraining.Optimizer(spec.Optimizer, model);
        using var shuffling = new Generator(seeds.Shuffling);
        manual_seed(seeds.Dropout);

        var history = new List<EpochRecord>();
        var steps = (int)((fit.Count + spec.BatchSize - 1) / spec.BatchSize);
        for (var epoch = 1; epoch <= spec.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            observer.EpochStarted(epoch, spec.Epochs, steps);
            var (loss, accuracy) = TrainEpoch(model, optimizer, spec, fit, shuffling, observer);
            var validated = validation is null ? null : Evaluation.Run(model, spec, validation);
            var record = new EpochRecord(epoch, loss, accuracy, validated?.Loss ?? double.NaN, validated?.Accuracy ?? double.NaN, clock.Elapsed.TotalSeconds);
            history.Add(record);
            observer.EpochCompleted(record);
            if (earlyStopping is not null && validated is not null && earlyStopping.ShouldStop(epoch, validated.Loss)) break;
        }

        var tested = Evaluation.Run(model, spec, test);
        var validationCount = validation?.Count ?? 0;
        if (validation is not null && !ReferenceEquals(validation, test)) validation.Dispose();
        return new Outcome(model, history, tested, fit.Count, validationCount, earlyStopping?.BestEpoch);
    }

    /// <summary>The arrays fit() trains on and validates on; the validation set may be the test set itself.</summary>
    private static (LabelledImages Fit, LabelledImages? Validation) Split(ValidationSpec validation, LabelledImages train, LabelledImages test)
    {
        switch (validation)
        {
            case LastFractionValidation last:
                // Keras: split_at = int(N * (1 - validation_split)); validation = x[split_at:].
                var splitAt = (long)(train.Count * (1 - last.Fraction));
                return (train.Slice(0, splitAt), train.Slice(splitAt, train.Count - splitAt));
            case TestSetValidation:
                return (train.Slice(0, train.Count), test);
            default:
                return (train.Slice(0, train.Count), null);
        }
    }

    private static (double Loss, double Accuracy) TrainEpoch(KerasModel model, optim.Optimizer optimizer, TrainingSpec spec, LabelledImages fit, Generator shuffling, ITrainingObserver observer)
    {
        model.Logits.train();
        using var order = randperm(fit.Count, shuffling);
        double lossSum = 0;
        long correct = 0, seen = 0;
        var step = 0;
        for (long start = 0; start < fit.Count; start += spec.BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(spec.BatchSize, fit.Count - start);
            var index = order.narrow(0, start, count);
            var (loss, batchCorrect) = TrainingStep.Run(model, optimizer, spec, fit.Images.index_select(0, index), fit.Labels.index_select(0, index));
            // Keras's progress-bar metrics: loss weighted by batch size, accuracy over all samples seen.
            lossSum += loss * count;
            correct += batchCorrect;
            seen += count;
            observer.StepCompleted(++step);
        }
        return (lossSum / seen, (double)correct / seen);
    }
}
