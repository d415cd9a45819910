using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Report 004's definition: the final 5-fold run plus one experiment per row of the eight sweep
/// tables, each row the final configuration with exactly one setting changed.
/// </summary>
public class Report004DefinitionTests
{
    private static readonly ReportDefinition Definition = Report004.Definition;
    private static readonly Experiment Final = Report004.FinalRun;

    private static Experiment Get(string id) => Definition.Experiments.Single(e => e.Id == id);

    private static IEnumerable<Experiment> Sweeps => Definition.Experiments.Where(e => e.Group is not null);

    [Test]
    public void Has_the_final_run_and_31_rows_with_unique_ids()
    {
        Assert.That(Definition.Experiments, Has.Count.EqualTo(32));
        Assert.That(Definition.Experiments[0].Id, Is.EqualTo("004-final-cv"));
        Assert.That(Definition.Experiments.Select(e => e.Id), Is.Unique);
        Assert.That(Sweeps.Count(), Is.EqualTo(31));
        Assert.That(Definition.Experiments.Select(e => e.Source.Report), Is.All.EqualTo("004"));
    }

    [Test]
    public void Groups_follow_the_report_with_their_row_counts()
    {
        var groups = Sweeps.GroupBy(e => e.Group!).Select(g => (g.Key, g.Count())).ToList();
        Assert.That(groups, Is.EqualTo(new[]
        {
            ("K-Fold table", 3), ("Epochs table", 5), ("Batch Size table", 5), ("Kernel Size table", 4),
            ("N_HIDDEN table", 4), ("P_DROPOUT table", 6), ("Loss Function table", 2), ("Batch Normalization table", 2),
        }));
        // Each table's rows are contiguous, in report order.
        var order = Sweeps.Select(e => e.Group).ToList();
        Assert.That(order.Where((g, i) => i == 0 || g != order[i - 1]).Count(), Is.EqualTo(8));
    }

    [Test]
    public void Final_run_matches_the_printed_cross_validation()
    {
        Assert.That(Final.Protocol, Is.EqualTo(new CrossValidation(5, true, 42, FoldScoring.HeldOutFold)));
        Assert.That(Final.Data, Is.EqualTo(new DataSpec("fashion-mnist", 255)));
        Assert.That(Final.Training, Is.EqualTo(Report004.FinalTraining));
        Assert.That(Final.Training.Validation, Is.InstanceOf<TestSetValidation>());
        Assert.That(Final.Seed, Is.EqualTo(42UL));

        var reported = Final.Reported.ToDictionary(r => r.Metric, r => r.Value);
        Assert.That(reported, Has.Count.EqualTo(12));
        Assert.That(reported[MetricNames.CvFoldAccuracy(1)], Is.EqualTo(0.9139));
        Assert.That(reported[MetricNames.CvFoldLoss(1)], Is.EqualTo(0.3705));
        Assert.That(reported[MetricNames.CvFoldAccuracy(5)], Is.EqualTo(0.9058));
        Assert.That(reported[MetricNames.CvFoldLoss(5)], Is.EqualTo(0.4112));
        Assert.That(reported[MetricNames.CvMeanAccuracy], Is.EqualTo(0.9120));
        Assert.That(reported[MetricNames.CvMeanLoss], Is.EqualTo(0.3975));
        Assert.That(Final.Reported.Select(r => r.Decimals), Is.All.EqualTo(4));
        Assert.That(Final.Reported.Single(r => r.Metric == MetricNames.CvFoldLoss(3)).Where, Is.EqualTo("'Fold 3: Accuracy = 0.9085, Loss = 0.4103'"));
    }

    [TestCase("004-k-5")]
    [TestCase("004-epochs-20")]
    [TestCase("004-batch-16")]
    [TestCase("004-kernel-3x3")]
    [TestCase("004-hidden-128")]
    [TestCase("004-dropout-0.6")]
    [TestCase("004-loss-sparse")]
    [TestCase("004-batchnorm-on")]
    public void Rows_with_the_final_values_are_defined_as_the_final_run(string id)
    {
        var row = Get(id);
        Assert.That(row.Model, Is.EqualTo(Final.Model));
        Assert.That(row.Training, Is.EqualTo(Final.Training));
        Assert.That(row.Protocol, Is.EqualTo(Final.Protocol));
        Assert.That(row.Data, Is.EqualTo(Final.Data));
        Assert.That(row.InputShape, Is.EqualTo(Final.InputShape));
        Assert.That(row.Seed, Is.EqualTo(Final.Seed));
        Assert.That(row.Version, Is.EqualTo(Final.Version));
    }

    [Test]
    public void Every_row_changes_exactly_one_part_of_the_final_definition()
    {
        foreach (var row in Sweeps)
        {
            var changed = new[]
            {
                ("Model", !row.Model.SequenceEqual(Final.Model)),
                ("Training", row.Training != Final.Training),
                ("Protocol", row.Protocol != Final.Protocol),
            }.Where(c => c.Item2).Select(c => c.Item1).ToList();
            Assert.That(changed, Has.Count.LessThanOrEqualTo(1), row.Id);
            Assert.That(row.Data, Is.EqualTo(Final.Data), row.Id);
            Assert.That(row.Seed, Is.EqualTo(Final.Seed), row.Id);
            Assert.That(row.Reported.Select(r => r.Metric), Is.EqualTo(new[] { MetricNames.CvMeanAccuracy, MetricNames.CvMeanLoss }), row.Id);
            Assert.That(row.Reported.Select(r => r.Decimals), Is.All.EqualTo(4), row.Id);
        }
        // 8 rows repeat the final configuration; the other 23 each change one thing.
        Assert.That(Sweeps.Count(r => r.Model.SequenceEqual(Final.Model) && r.Training == Final.Training && r.Protocol == Final.Protocol), Is.EqualTo(8));
    }

    [TestCase("004-k-3", 3)]
    [TestCase("004-k-5", 5)]
    [TestCase("004-k-10", 10)]
    public void K_rows_change_the_number_of_folds(string id, int folds) =>
        Assert.That(Get(id).Protocol, Is.EqualTo(new CrossValidation(folds, true, 42, FoldScoring.HeldOutFold)));

    [TestCase("004-epochs-10", 10)]
    [TestCase("004-epochs-30", 30)]
    public void Epoch_rows_change_only_the_epochs(string id, int epochs) =>
        Assert.That(Get(id).Training, Is.EqualTo(Report004.FinalTraining with { Epochs = epochs }));

    [TestCase("004-batch-32", 32)]
    [TestCase("004-batch-64", 64)]
    [TestCase("004-batch-256", 256)]
    public void Batch_rows_change_only_the_batch_size_and_keep_the_validation(string id, int batchSize)
    {
        var training = Get(id).Training;
        Assert.That(training, Is.EqualTo(Report004.FinalTraining with { BatchSize = batchSize }));
        Assert.That(training.Validation, Is.InstanceOf<TestSetValidation>());
    }

    [TestCase("004-kernel-3x5", 3, 5)]
    [TestCase("004-kernel-5x3", 5, 3)]
    [TestCase("004-kernel-5x5", 5, 5)]
    public void Kernel_rows_change_the_convolution_kernels(string id, int first, int second)
    {
        var kernels = Get(id).Model.OfType<Conv2D>().Select(c => c.KernelSize);
        Assert.That(kernels, Is.EqualTo(new[] { first, second }));
        Assert.That(Get(id).Model, Is.EqualTo(Report004.Cnn(kernel1: first, kernel2: second)));
    }

    [TestCase("004-hidden-64", 64)]
    [TestCase("004-hidden-256", 256)]
    [TestCase("004-hidden-512", 512)]
    public void Hidden_rows_change_the_second_convolution_and_the_hidden_dense(string id, int hidden)
    {
        var model = Get(id).Model;
        Assert.That(model.OfType<Conv2D>().Select(c => c.Filters), Is.EqualTo(new[] { 64, hidden }));
        Assert.That(model.OfType<Dense>().Select(d => d.Units), Is.EqualTo(new[] { hidden, 10 }));
    }

    [TestCase("004-dropout-0.2", 0.2)]
    [TestCase("004-dropout-0.3", 0.3)]
    [TestCase("004-dropout-0.4", 0.4)]
    [TestCase("004-dropout-0.5", 0.5)]
    [TestCase("004-dropout-0.6", 0.6)]
    [TestCase("004-dropout-0.7", 0.7)]
    public void Dropout_rows_set_the_dropout_rate(string id, double rate)
    {
        Assert.That(Get(id).Model.OfType<Dropout>().Single().Rate, Is.EqualTo(rate));
        Assert.That(Get(id).Model, Is.EqualTo(Report004.Cnn(dropout: rate)));
    }

    [Test]
    public void Categorical_row_uses_one_hot_categorical_crossentropy()
    {
        var training = Get("004-loss-categorical").Training;
        Assert.That(training.Loss, Is.EqualTo("categorical_crossentropy"));
        Assert.That(training.Labels, Is.EqualTo(LabelEncoding.OneHot));
        Assert.That(training with { Loss = Report004.FinalTraining.Loss }, Is.EqualTo(Report004.FinalTraining));
    }

    [Test]
    public void Batchnorm_off_row_has_no_batch_normalization()
    {
        var model = Get("004-batchnorm-off").Model;
        Assert.That(model.OfType<BatchNormalization>(), Is.Empty);
        Assert.That(model.Count, Is.EqualTo(Final.Model.Count - 2));
        Assert.That(Final.Model.OfType<BatchNormalization>().Count(), Is.EqualTo(2));
    }

    [TestCase("004-k-3", 0.9039, 0.3958)]
    [TestCase("004-epochs-25", 0.9083, 0.4037)]
    [TestCase("004-batch-128", 0.9067, 0.4066)]
    [TestCase("004-kernel-3x5", 0.9109, 0.3893)]
    [TestCase("004-hidden-512", 0.9080, 0.5732)]
    [TestCase("004-dropout-0.2", 0.9083, 0.4300)]
    [TestCase("004-loss-categorical", 0.9099, 0.3840)]
    [TestCase("004-batchnorm-off", 0.9097, 0.3881)]
    public void Rows_carry_the_printed_averages(string id, double accuracy, double loss)
    {
        var reported = Get(id).Reported.ToDictionary(r => r.Metric, r => r.Value);
        Assert.That(reported[MetricNames.CvMeanAccuracy], Is.EqualTo(accuracy));
        Assert.That(reported[MetricNames.CvMeanLoss], Is.EqualTo(loss));
    }

    [Test]
    public void Every_metric_the_report_prints_has_its_own_spread_from_the_repeated_final_configuration()
    {
        // The eight distinct runs of the final configuration; the Batch Normalization table's row repeats the Loss Function table's.
        string[] repeats = ["004-final-cv", "004-k-5", "004-epochs-20", "004-batch-16", "004-kernel-3x3", "004-hidden-128", "004-dropout-0.6", "004-loss-sparse"];
        Sample Repeated(string metric) => new([.. repeats.Select(id => Get(id).Reported.Single(r => r.Metric == metric).Value)]);
        Sample Folds(Func<int, string> metric) => new([.. Enumerable.Range(1, 5).Select(k => Final.Reported.Single(r => r.Metric == metric(k)).Value)]);
        var metrics = Definition.Experiments.SelectMany(e => e.Reported).Select(r => r.Metric).Distinct();

        Assert.Multiple(() =>
        {
            Assert.That(Definition.Spread.Keys, Is.EquivalentTo(metrics));
            AssertSpread(MetricNames.CvMeanAccuracy, Repeated(MetricNames.CvMeanAccuracy), 0.00247);
            AssertSpread(MetricNames.CvMeanLoss, Repeated(MetricNames.CvMeanLoss), 0.00616);
            AssertSpread(MetricNames.CvFoldAccuracy(3), Folds(MetricNames.CvFoldAccuracy), 0.00474);
            AssertSpread(MetricNames.CvFoldLoss(5), Folds(MetricNames.CvFoldLoss), 0.0168);
            Assert.That(Get("004-batchnorm-on").Reported.Select(r => r.Value), Is.EqualTo(Get("004-loss-sparse").Reported.Select(r => r.Value)),
                "the row counted once prints the same numbers as the one counted");
        });
    }

    private static void AssertSpread(string metric, Sample printed, double rounded)
    {
        var spread = Definition.Spread[metric];
        Assert.That(spread.StandardDeviation, Is.EqualTo(printed.StandardDeviation).Within(1e-3).Percent, metric);
        Assert.That(spread.StandardDeviation, Is.EqualTo(rounded).Within(0.5).Percent, metric);
        Assert.That(spread.Draws, Is.EqualTo(printed.Count), metric);
        Assert.That(spread.DegreesOfFreedom, Is.EqualTo(printed.Count - 1), metric);
    }

    [Test]
    public void The_final_architecture_is_the_final_runs_model() =>
        Assert.That(Report004.Architectures.Single().Layers, Is.EqualTo(Final.Model));
}
