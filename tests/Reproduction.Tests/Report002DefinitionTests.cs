using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Report 002's definition registers every evaluated run of the report (the extraction's run table, runs 1..51) in
/// report order, with the data, training and reported numbers each run had as it ran.
/// </summary>
public class Report002DefinitionTests
{
    private static IReadOnlyList<Experiment> Experiments => Report002.Definition.Experiments;

    private static Experiment Find(string id) => Experiments.Single(e => e.Id == id);

    /// <summary>The run number in an id such as "002-a08-cnn4-v2" (8) or "002-b51-colour-final" (51).</summary>
    private static int RunNumber(Experiment experiment) => int.Parse(experiment.Id.AsSpan(5, 2));

    private static bool IsPartB(Experiment experiment) => experiment.Id.StartsWith("002-b", StringComparison.Ordinal);

    [Test]
    public void It_registers_the_51_runs_with_unique_report_002_ids_in_report_order()
    {
        Assert.That(Experiments, Has.Count.EqualTo(51));
        Assert.That(Experiments.Select(e => e.Id), Is.Unique);
        Assert.That(Experiments.Select(e => e.Id), Has.All.StartsWith("002-"));
        Assert.That(Experiments.Select(RunNumber), Is.EqualTo(Enumerable.Range(1, 51)));
        Assert.That(Experiments.Where(IsPartB).Select(RunNumber), Is.EqualTo(new[] { 50, 51 }));
        Assert.That(Experiments.Select(e => e.Source.Report).Distinct(), Is.EqualTo(new[] { "002" }));
        Assert.That(Experiments.Select(e => e.Seed).Distinct(), Is.EqualTo(new ulong[] { 42 }));
    }

    [Test]
    public void Part_A_runs_use_the_grey_cifar_substitute_scaled_by_255()
    {
        var partA = Experiments.Where(e => !IsPartB(e)).ToList();
        Assert.That(partA, Has.Count.EqualTo(49));
        Assert.That(partA.Select(e => e.Data.DatasetId), Has.All.EqualTo("cifar-10-grey"));
        Assert.That(partA.Select(e => e.Data.SubstituteFor), Has.All.Not.Null.And.Not.Empty);
        Assert.That(partA.Select(e => e.Data.PixelScale), Has.All.EqualTo(255));
        Assert.That(partA.Select(e => e.InputShape), Has.All.EqualTo((1, 32, 32)));
    }

    [Test]
    public void Part_B_runs_use_colour_cifar_unscaled_with_the_wrong_reshape()
    {
        var partB = Experiments.Where(IsPartB).ToList();
        Assert.That(partB.Select(e => e.Data.DatasetId), Has.All.EqualTo("cifar-10"));
        Assert.That(partB.Select(e => e.Data.Layout), Has.All.EqualTo(PixelLayout.HeightWidthChannelReshape));
        Assert.That(partB.Select(e => e.Data.PixelScale), Has.All.EqualTo(1));
        Assert.That(partB.Select(e => e.Data.SubstituteFor), Has.All.Null);
        Assert.That(partB.Select(e => e.InputShape), Has.All.EqualTo((3, 32, 32)));
    }

    [Test]
    public void Early_stopping_is_on_runs_1_to_48_and_runs_49_to_51_train_fixed_epochs()
    {
        var earlyStopped = Experiments.Where(e => e.Training.EarlyStopping is not null).Select(RunNumber);
        Assert.That(earlyStopped, Is.EqualTo(Enumerable.Range(1, 48)));
        Assert.That(Experiments.Where(e => e.Training.EarlyStopping is not null).Select(e => e.Training.EarlyStopping!.Patience), Has.All.EqualTo(5));
        Assert.That(Experiments.Skip(48).Select(e => (e.Training.Epochs, e.Training.BatchSize)), Is.EqualTo(new[] { (50, 32), (50, 32), (60, 32) }));
        Assert.That(Experiments.Select(e => e.Training.Validation), Has.All.EqualTo(new LastFractionValidation(0.2)));
    }

    [Test]
    public void Cnn4_v2_and_v4_ran_the_same_model_and_training_because_build_CNN_4_ignores_d2_to_d4()
    {
        var v2 = Find("002-a08-cnn4-v2");
        var v4 = Find("002-a10-cnn4-v4");
        Assert.That(v4.Model, Is.EqualTo(v2.Model));
        Assert.That(v4.Training, Is.EqualTo(v2.Training));
        Assert.That(v4.Data, Is.EqualTo(v2.Data));
        Assert.That(v2.Model.OfType<Dropout>().Select(d => d.Rate), Is.EqualTo(new[] { 0.2, 0.2, 0.2, 0.2 }));
        Assert.That(Find("002-a11-cnn4-v5").Model, Is.EqualTo(Find("002-a09-cnn4-v3").Model));
    }

    [Test]
    public void Repeated_configurations_are_defined_identically()
    {
        string[][] repeats =
        [
            ["002-a12-cnn5-v1", "002-a14-cnn6-dense64"],
            ["002-a15-cnn6-dense128", "002-a18-cnn7-relu-relu"],
            ["002-a21-cnn7-relu-tanh", "002-a26-optimizer-adam", "002-a29-cnn8-v1-adam", "002-a32-lr-0.001"],
            ["002-a36-lr-0.0004", "002-a40-batch-64"],
            ["002-a39-batch-32", "002-a47-cnn8-v4-tuned"],
            ["002-a41-batch-128", "002-a42-loss-scce", "002-a48-cnn9-no-aug"],
        ];
        foreach (var ids in repeats)
        {
            var first = Find(ids[0]);
            foreach (var id in ids.Skip(1))
            {
                var repeat = Find(id);
                Assert.That(repeat.Model, Is.EqualTo(first.Model), id);
                Assert.That(repeat.Training, Is.EqualTo(first.Training), id);
                Assert.That(repeat.Data, Is.EqualTo(first.Data), id);
            }
        }
    }

    [Test]
    public void The_sweeps_set_what_the_report_ran()
    {
        Assert.That(Experiments.Where(e => e.Group == "Optimizer sweep").Take(7).Select(e => e.Training.Optimizer),
            Is.EqualTo(new[] { "sgd", "rmsprop", "adagrad", "adadelta", "adam", "adamax", "nadam" }.Select(name => new OptimizerSpec(name))));
        Assert.That(Experiments.Where(e => e.Group == "Learning-rate sweep").Select(e => e.Training.Optimizer.LearningRate),
            Is.EqualTo(new double?[] { 0.1, 0.01, null, 0.0001, 0.0002, 0.0003, 0.0004, 0.0005 }));
        Assert.That(Experiments.Where(e => e.Group == "Batch-size sweep").Select(e => e.Training.BatchSize), Is.EqualTo(new[] { 16, 32, 64, 128 }));

        var lossSweep = Experiments.Where(e => e.Group == "Loss-function sweep").ToList();
        Assert.That(lossSweep.Select(e => e.Training.BatchSize), Has.All.EqualTo(128), "the log's 313 steps an epoch, not the code's batch_size=32");
        Assert.That(lossSweep.Select(e => e.Training.Labels),
            Is.EqualTo(new[] { LabelEncoding.OneHot, LabelEncoding.IntegerBroadcast, LabelEncoding.IntegerBroadcast, LabelEncoding.IntegerBroadcast, LabelEncoding.IntegerBroadcast }));
        Assert.That(Find("002-a48-cnn9-no-aug").Training.BatchSize, Is.EqualTo(128));
    }

    [Test]
    public void Each_metric_is_reported_by_the_runs_that_printed_it()
    {
        int Carrying(string metric) => Experiments.Count(e => e.Reported.Any(r => r.Metric == metric));

        // 12 sweep runs (optimizers, losses) printed only the rounded F1 dictionary; the other 39 were fully scored.
        Assert.That(Carrying(MetricNames.TestMacroF1), Is.EqualTo(51));
        Assert.That(Carrying(MetricNames.TestAccuracy), Is.EqualTo(39));
        Assert.That(Carrying(MetricNames.TestLoss), Is.EqualTo(39));
        Assert.That(Carrying(MetricNames.TestMacroPrecision), Is.EqualTo(39));
        Assert.That(Carrying(MetricNames.TestMacroRecall), Is.EqualTo(39));
        Assert.That(Carrying(MetricNames.EpochsRan), Is.EqualTo(51));
        Assert.That(Carrying(MetricNames.FinalValidationAccuracy), Is.EqualTo(51));
        Assert.That(Carrying(MetricNames.FinalValidationLoss), Is.EqualTo(51));
        Assert.That(Experiments.SelectMany(e => e.Reported).Count(r => r.Decimals == 3), Is.EqualTo(12));
        Assert.That(Experiments.SelectMany(e => e.Reported).Select(r => r.Where), Has.All.Not.Empty);
    }

    [Test]
    public void Reported_numbers_match_the_report_text()
    {
        double Value(string id, string metric) => Find(id).Reported.Single(r => r.Metric == metric).Value;

        Assert.That(Value("002-a01-cnn1", MetricNames.TestMacroF1), Is.EqualTo(0.6652326744791927));
        Assert.That(Value("002-a01-cnn1", MetricNames.EpochsRan), Is.EqualTo(19));
        Assert.That(Value("002-a22-optimizer-sgd", MetricNames.TestMacroF1), Is.EqualTo(0.766));
        Assert.That(Value("002-a25-optimizer-adadelta", MetricNames.EpochsRan), Is.EqualTo(101));
        Assert.That(Value("002-a44-loss-mse", MetricNames.FinalValidationLoss), Is.EqualTo(27.6884));
        Assert.That(Value("002-b51-colour-final", MetricNames.TestAccuracy), Is.EqualTo(0.7210));
        Assert.That(Value("002-a48-cnn9-no-aug", MetricNames.TestLoss), Is.EqualTo(0.5794), "the evaluation cell's evaluate(), which goes with the printed F1");
    }

    [Test]
    public void The_spreads_pool_the_configurations_the_report_trained_more_than_once()
    {
        // The repeats found independently of the definition's prose: experiments whose training definitions hash alike.
        var repeats = Experiments.GroupBy(CanonicalDefinition.Hash).Where(g => g.Count() > 1).Select(g => g.Select(RunNumber).ToArray()).ToList();
        Assert.That(repeats, Is.EquivalentTo(new[]
        {
            new[] { 8, 10 }, [9, 11], [12, 14], [15, 18], [21, 26, 29, 32], [36, 40], [39, 47], [41, 42, 48],
        }));

        var printedMetrics = Experiments.SelectMany(e => e.Reported).Select(r => r.Metric).Distinct();
        Assert.That(Report002.Definition.Spread.Keys, Is.EquivalentTo(printedMetrics));
        Assert.Multiple(() =>
        {
            foreach (var (metric, spread) in Report002.Definition.Spread)
            {
                // Within each configuration, the runs that printed the metric; pooled variance Σ(n−1)s² / Σ(n−1).
                var samples = Experiments.GroupBy(CanonicalDefinition.Hash)
                    .Select(g => new Sample([.. g.SelectMany(e => e.Reported).Where(r => r.Metric == metric).Select(r => r.Value)]))
                    .Where(sample => sample.Count > 1)
                    .ToList();
                var degrees = samples.Sum(sample => sample.Count - 1);
                var pooled = Math.Sqrt(samples.Sum(sample => (sample.Count - 1) * sample.Variance) / degrees);
                Assert.That(spread.StandardDeviation, Is.EqualTo(pooled).Within(1e-3).Percent, metric);
                Assert.That((spread.Draws, spread.Configurations, spread.DegreesOfFreedom), Is.EqualTo((samples.Sum(sample => sample.Count), 8, degrees)), metric);
            }
        });
        Assert.That(Report002.Definition.Spread[MetricNames.TestMacroF1].StandardDeviation, Is.EqualTo(0.0152).Within(0.001));
        Assert.That(Report002.Definition.Spread[MetricNames.TestMacroF1].Draws, Is.EqualTo(19), "runs 26 and 42 printed only a rounded F1");
    }
}
