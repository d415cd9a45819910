using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Data;
using Repro.Reproduction.Metrics;
using Repro.Reproduction.Results;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Training;

/// <summary>Runs one experiment end to end: data, training, evaluation, and the result file.</summary>
public static class ExperimentRun
{
    public sealed record Options(ulong? Seed, int? Threads, DatasetStore Store);

    public static JsonObject Execute(Experiment experiment, Options options, ITrainingObserver observer)
    {
        if (options.Threads is { } threads) set_num_threads(threads);
        var seed = options.Seed ?? experiment.Seed;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        var data = LoadData(experiment.Data, options.Store);
        using var train = LabelledImages.FromBytes(data.TrainImages, data.TrainLabels, experiment.InputShape, experiment.Data.PixelScale);
        using var test = LabelledImages.FromBytes(data.TestImages, data.TestLabels, experiment.InputShape, experiment.Data.PixelScale);

        var outcome = HoldOutTrainer.Run(experiment, train, test, seed, observer);
        using var model = outcome.Model;
        var metrics = ClassificationMetrics.From(outcome.Test.Labels, outcome.Test.Predictions, data.ClassNames.Length);
        return ResultDocument.Build(experiment, seed, outcome, metrics, data.Files, RunEnvironment.Capture("cpu"), started, clock.Elapsed.TotalSeconds);
    }

    private static FashionMnist LoadData(DataSpec spec, DatasetStore store) => spec.DatasetId switch
    {
        "fashion-mnist" => FashionMnist.Load(store),
        _ => throw new DatasetException($"Dataset '{spec.DatasetId}' is not available to experiments yet."),
    };
}
