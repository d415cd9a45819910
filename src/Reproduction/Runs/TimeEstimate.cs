using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Keras.Layers;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Runs;

/// <summary>
/// A rough full-profile training time for `repro list`: multiply-accumulates of the model per
/// example (forward; training costs about three times that), times the examples each training
/// sees, at a throughput measured with `repro bench` on a 2-core AMD EPYC with libtorch 1.13 and
/// OpenBLAS on one thread (report 003's LeNet-5 at batch 128 about 18 GMAC/s, report 004's CNN at
/// batch 16 about 30; 25 is used), plus a fixed cost per step that dominates small models (report
/// 001's 8×8 CNN: its 100-epoch hold-out run of about 4,500 steps takes 14 s, about 3 ms a step).
/// Calibrated against whole trainings: 004-final-cv's fold about 27 min (estimate 34), 003-lenet5
/// 62 s with its evaluations (estimate 35 s), 001-cnn-holdout-digits-subset 14 s (estimate 9 s).
/// Early-stopped runs are counted at the epochs the report's run took, when it printed them.
/// </summary>
public static class TimeEstimate
{
    public const double MultiplyAccumulatesPerSecond = 25e9;

    public const double SecondsPerStep = 0.004;

    /// <summary>Trainings one seed needs: one, or one per fold.</summary>
    public static int TrainingsPerSeed(Experiment experiment) => experiment.Protocol is CrossValidation cv ? cv.Folds : 1;

    /// <summary>The rows are the dataset's as published (<see cref="IDataset.PublishedRows"/>), so the estimate needs no data on disk.</summary>
    /// <exception cref="DatasetException">The experiment names a dataset that is not registered.</exception>
    public static TimeSpan Of(Experiment experiment, int seeds = 1)
    {
        var (train, test) = DatasetRegistry.Find(experiment.Data.DatasetId).PublishedRows;
        double all = train + test;
        double trainRows = experiment.Data.Split switch
        {
            TrainTestSplit split => Math.Ceiling(all * (1 - split.TestSize)),
            WholeDataset => all,
            _ => train,
        };
        if (experiment.Protocol is CrossValidation cv) trainRows *= (cv.Folds - 1) / (double)cv.Folds;
        if (experiment.Training.Validation is LastFractionValidation last) trainRows *= 1 - last.Fraction;
        var epochs = experiment.Training.EarlyStopping is null
            ? experiment.Training.Epochs
            : experiment.Reported.FirstOrDefault(r => r.Metric == MetricNames.EpochsRan)?.Value ?? Math.Min(experiment.Training.Epochs, 30);
        var perExample = ForwardMultiplyAccumulates(experiment.Model, experiment.InputShape);
        var steps = Math.Ceiling(trainRows / experiment.Training.BatchSize) * epochs;
        var seconds = (3 * perExample * trainRows * epochs / MultiplyAccumulatesPerSecond) + (steps * SecondsPerStep);
        return TimeSpan.FromSeconds(seconds * TrainingsPerSeed(experiment) * seeds);
    }

    public static string Format(TimeSpan span) => span.TotalMinutes < 1 ? $"{span.TotalSeconds:F0} s"
        : span.TotalHours < 1 ? $"{span.TotalMinutes:F0} min"
        : span.TotalDays < 2 ? $"{span.TotalHours:F1} h"
        : $"{span.TotalDays:F0} days";

    /// <summary>Multiply-accumulates of one forward pass, as each layer's <see cref="KerasLayerHandler"/> counts them.</summary>
    public static double ForwardMultiplyAccumulates(IReadOnlyList<Layer> layers, (int Channels, int Height, int Width) input) =>
        KerasLayerHandlers.Follow(layers, new KerasShapeTracker(input));
}
