using System.Diagnostics;
using System.Globalization;
using Repro.Experiments;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Training;

/// <summary>
/// Keras's fit() followed by evaluate(): one training run of an experiment's model. Validation is
/// what the report's Keras used (the last fraction of the training arrays, cut before any
/// shuffling, or the test set); the training part is reshuffled every epoch; early stopping, when
/// asked, keeps the last epoch's weights. The model can be evaluated after several epochs of one
/// run: without early stopping, epoch k of a longer run is exactly the k-epoch run (the shuffling,
/// dropout and learning-rate schedule streams do not depend on the total), so report 004's epochs
/// table costs one training per fold. A training loss that is not finite ends the run with an
/// <see cref="InvalidOperationException"/> naming the epoch. With <see cref="Checkpointing"/>, every
/// epoch but the last ends with a <see cref="TrainingCheckpoint"/>, and a run restored from one
/// continues exactly: the checkpoint only reads state, so an uninterrupted run computes the same.
/// </summary>
public static class KerasFit
{
    /// <summary>How many per-step losses a run keeps: every step of a smoke run, and the start of a full one, without growing results by the thousands of steps a full run takes.</summary>
    public const int RecordedSteps = 100;

    /// <summary>The model's evaluation after <paramref name="Epoch"/> epochs, with the fit() log up to then.</summary>
    /// <param name="FirstSteps">The batch losses of the first <see cref="RecordedSteps"/> training steps up to then: what the smoke gate compares.</param>
    public sealed record Snapshot(int Epoch, Evaluation Evaluation, IReadOnlyList<EpochRecord> History, int? BestEpoch, IReadOnlyList<double> FirstSteps);

    public sealed record Outcome(KerasModel Model, IReadOnlyList<Snapshot> Snapshots, long TrainCount, long ValidationCount)
    {
        /// <summary>The evaluation where training ended (the last epoch, or where early stopping stopped).</summary>
        public Snapshot Final => Snapshots[^1];
    }

    /// <param name="experiment">Model and training settings.</param>
    /// <param name="train">The arrays passed to fit().</param>
    /// <param name="testSet">The test set, for validation_data=(x_test, y_test); null when there is none.</param>
    /// <param name="evaluation">What evaluate() scores: the test set or a held-out fold.</param>
    /// <param name="seed">The run's seed; initialisation, shuffling and dropout streams derive from it.</param>
    /// <param name="observer">Progress.</param>
    /// <param name="evaluateAfter">Epochs after which to evaluate as well as at the end; only without early stopping.</param>
    /// <param name="checkpointing">Resuming from and writing epoch checkpoints; null trains without them.</param>
    /// <param name="pretrained">Keras weight files that fill the model's named layers after initialisation (a transfer base).</param>
    public static Outcome Run(
        Experiment experiment,
        LabelledImages train,
        LabelledImages? testSet,
        LabelledImages evaluation,
        ulong seed,
        ITrainingObserver observer,
        IReadOnlyCollection<int>? evaluateAfter = null,
        Checkpointing? checkpointing = null,
        IReadOnlyList<string>? pretrained = null)
    {
        var spec = experiment.Training;
        var checkpoints = new SortedSet<int>(evaluateAfter ?? []) { spec.Epochs };
        if (checkpoints.Min < 1 || checkpoints.Max > spec.Epochs || (checkpoints.Count > 1 && spec.EarlyStopping is not null))
        {
            throw new ArgumentException($"Evaluation epochs {string.Join(", ", checkpoints)} must lie in 1..{spec.Epochs}, and early stopping allows only the end.", nameof(evaluateAfter));
        }

        var seeds = new SeedStreams(seed);
        var (fit, validation) = Split(spec.Validation, train, testSet);
        using var _ = fit;
        var earlyStopping = spec.EarlyStopping is { } stopping ? new EarlyStopping(stopping) : null;

        using var initialisation = new Generator(seeds.Initialisation);
        // On the CPU every training owns its dropout generator, so trainings side by side draw
        // independently; on a GPU the masks come from the device's global generator.
        var device = train.Images.device;
        using var dropout = new Generator(seeds.Dropout);
        var onCpu = device.type == DeviceType.CPU;
        if (!onCpu) manual_seed(seeds.Dropout);
        var model = KerasModel.Build(experiment.Model, experiment.InputShape, initialisation, onCpu ? dropout : null);
        try
        {
            if (pretrained is { Count: > 0 }) KerasWeightLoading.Load(model, pretrained);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        // Initialised on the CPU from the seeded generator, then moved: the same weights on every device.
        if (!onCpu) model.Network.to(device);
        using var optimizer = KerasTraining.Optimizer(spec.Optimizer, model);
        using var shuffling = new Generator(seeds.Shuffling);

        var history = new List<EpochRecord>();
        var firstSteps = new List<double>();
        var snapshots = new List<Snapshot>();
        var validationCount = validation?.Count ?? 0;
        try
        {
            var resumed = checkpointing?.ResumeFrom;
            if (resumed is not null)
            {
                Restore(resumed, model, optimizer, shuffling, dropout, earlyStopping);
                (history, firstSteps, snapshots) = (resumed.History.ToList(), resumed.FirstSteps.ToList(), resumed.Snapshots.ToList());
            }

            var steps = (int)((fit.Count + spec.BatchSize - 1) / spec.BatchSize);
            for (var epoch = (resumed?.Epoch ?? 0) + 1; epoch <= spec.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                observer.EpochStarted(epoch, spec.Epochs, steps);
                var (loss, accuracy) = TrainEpoch(model, optimizer, spec, fit, shuffling, observer, firstSteps);
                // Stop at once: every later epoch and evaluation of a diverged model is NaN too.
                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException($"the training loss became {loss.ToString(CultureInfo.InvariantCulture)} in epoch {epoch} (the training diverged); none of its numbers are stored");
                }

                var validated = validation is null ? null : Evaluation.Run(model, spec, validation);
                var record = new EpochRecord(epoch, loss, accuracy, validated?.Loss ?? double.NaN, validated?.Accuracy ?? double.NaN, clock.Elapsed.TotalSeconds);
                history.Add(record);
                observer.EpochCompleted(record);
                var stop = earlyStopping is not null && validated is not null && earlyStopping.ShouldStop(epoch, validated.Loss);
                if (stop || checkpoints.Contains(epoch))
                {
                    snapshots.Add(new Snapshot(epoch, Evaluation.Run(model, spec, evaluation), history.ToList(), earlyStopping?.BestEpoch, firstSteps.ToList()));
                }

                if (stop) break;
                if (checkpointing is not null && epoch < spec.Epochs)
                {
                    checkpointing.Save(new TrainingCheckpoint(epoch, model.Network.state_dict(), optimizer.state_dict(), Bytes(shuffling.get_state()), Bytes(dropout.get_state()),
                        earlyStopping?.Saved, history.ToList(), firstSteps.ToList(), snapshots.ToList()));
                    checkpointing.Stop.ThrowIfCancellationRequested();
                }
            }
        }
        catch
        {
            // Whatever stops a training early (divergence, Ctrl-C, a libtorch error) leaves no model behind.
            model.Dispose();
            throw;
        }
        finally
        {
            if (validation is not null && !ReferenceEquals(validation, testSet)) validation.Dispose();
        }

        return new Outcome(model, snapshots, fit.Count, validationCount);
    }

    private static void Restore(TrainingCheckpoint checkpoint, KerasModel model, optim.Optimizer optimizer, Generator shuffling, Generator dropout, EarlyStopping? earlyStopping)
    {
        model.Network.load_state_dict(checkpoint.Model);
        optimizer.load_state_dict(checkpoint.Optimizer);
        using (var state = tensor(checkpoint.Shuffling)) shuffling.set_state(state);
        using (var state = tensor(checkpoint.Dropout)) dropout.set_state(state);
        if (earlyStopping is not null) earlyStopping.Restore(checkpoint.EarlyStopping ?? throw new ArgumentException("the checkpoint has no early-stopping state, but the training stops early"));
    }

    private static byte[] Bytes(Tensor state)
    {
        using (state) return state.data<byte>();
    }

    /// <summary>The arrays fit() trains on and validates on; the validation set may be the test set itself.</summary>
    private static (LabelledImages Fit, LabelledImages? Validation) Split(ValidationSpec validation, LabelledImages train, LabelledImages? testSet)
    {
        switch (validation)
        {
            case LastFractionValidation last:
                // Keras: split_at = int(N * (1 - validation_split)); validation = x[split_at:].
                var splitAt = (long)(train.Count * (1 - last.Fraction));
                return (train.Slice(0, splitAt), train.Slice(splitAt, train.Count - splitAt));
            case TestSetValidation:
                return (train.Slice(0, train.Count), testSet
                    ?? throw new InvalidOperationException("validation_data=(x_test, y_test) needs a test set, but this experiment's data split has none."));
            default:
                return (train.Slice(0, train.Count), null);
        }
    }

    private static (double Loss, double Accuracy) TrainEpoch(KerasModel model, optim.Optimizer optimizer, TrainingSpec spec, LabelledImages fit, Generator shuffling, ITrainingObserver observer,
        List<double> firstSteps)
    {
        model.Network.train();
        using var permutation = randperm(fit.Count, shuffling);
        using var order = permutation.to(fit.Images.device);
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
            if (firstSteps.Count < RecordedSteps) firstSteps.Add(loss);
            lossSum += loss * count;
            correct += batchCorrect;
            seen += count;
            observer.StepCompleted(++step);
        }
        return (lossSum / seen, (double)correct / seen);
    }
}
