using System.Diagnostics;
using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Training;

/// <summary>
/// Keras's fit(validation_split) followed by evaluate() on the test set: the last fraction of
/// the training set is held out before any shuffling, the rest is reshuffled every epoch.
/// </summary>
public static class HoldOutTrainer
{
    public sealed record Outcome(KerasModel Model, IReadOnlyList<EpochRecord> History, Evaluation Test, long TrainCount, long ValidationCount);

    public static Outcome Run(Experiment experiment, LabelledImages train, LabelledImages test, ulong seed, ITrainingObserver observer)
    {
        var spec = experiment.Training;
        var seeds = new SeedStreams(seed);
        // Keras: split_at = int(N * (1 - validation_split)); validation = x[split_at:].
        var splitAt = (long)(train.Count * (1 - spec.ValidationSplit));
        using var fit = train.Slice(0, splitAt);
        using var validation = train.Slice(splitAt, train.Count - splitAt);

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
            var validated = Evaluation.Run(model, spec.Loss, validation, spec.EvaluationBatchSize);
            var record = new EpochRecord(epoch, loss, accuracy, validated.Loss, validated.Accuracy, clock.Elapsed.TotalSeconds);
            history.Add(record);
            observer.EpochCompleted(record);
        }

        var tested = Evaluation.Run(model, spec.Loss, test, spec.EvaluationBatchSize);
        return new Outcome(model, history, tested, fit.Count, validation.Count);
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
            var labels = fit.Labels.index_select(0, index);
            optimizer.zero_grad();
            var logits = model.Logits.call(fit.Images.index_select(0, index));
            var loss = KerasTraining.Loss(spec.Loss, model, logits, labels);
            loss.backward();
            optimizer.step();
            // Keras's progress-bar metrics: loss weighted by batch size, accuracy over all samples seen.
            lossSum += loss.ToDouble() * count;
            correct += logits.argmax(1).eq(labels).sum().ToInt64();
            seen += count;
            observer.StepCompleted(++step);
        }
        return (lossSum / seen, (double)correct / seen);
    }
}
