using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Runs;
using static Repro.Reproduction.Tests.RunnerHarness;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The runner on report 001's CNN and the real 1,797-image digits set (Debian's scikit-learn copy):
/// identical definitions train once, a shorter run is served by a longer one of the same family
/// and agrees with training it alone, the run cache serves a second request, and cross-validation
/// aggregates its folds as the reports did; shards of a batch merge to its numbers.
/// </summary>
public class ExperimentRunnerTests
{
    private string cacheFolder = null!;

    /// <summary>Report 001's CNN on the digits subset for 2 epochs: a real training of a few seconds.</summary>
    internal static readonly Experiment Short = Report001.HoldOutOnSubset with
    {
        Id = "test-short",
        Training = Report001.HoldOutOnSubset.Training with { Epochs = 2 },
    };

    private static readonly Experiment Long = Short with { Id = "test-long", Training = Short.Training with { Epochs = 3 } };

    [SetUp]
    public void SetUp() => cacheFolder = Path.Combine(Path.GetTempPath(), "repro-runner-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(cacheFolder)) Directory.Delete(cacheFolder, recursive: true);
    }

    [Test]
    public void Identical_definitions_under_two_ids_train_once_and_report_the_same_numbers()
    {
        var twin = Short with { Id = "test-twin", Title = "another title", Notes = ["prose does not change the key"] };
        var (outcomes, observer) = Run(cacheFolder, 1, Short, twin);
        Assert.Multiple(() =>
        {
            Assert.That(observer.Trainings, Is.EqualTo(1));
            Assert.That(FirstSeedMetricValues(outcomes[1]), Is.EqualTo(FirstSeedMetricValues(outcomes[0])));
        });
    }

    [Test]
    public void A_shorter_run_is_evaluated_inside_the_longer_one_and_equals_training_it_alone()
    {
        var (together, observer) = Run(cacheFolder, 1, Long, Short);
        var (alone, _) = Run(Path.Combine(cacheFolder, "alone"), 1, Short);
        var shortTogether = (CompletedExperiment)together[1];
        Assert.Multiple(() =>
        {
            Assert.That(observer.Trainings, Is.EqualTo(1), "one training of 3 epochs serves the 2-epoch run");
            Assert.That(observer.EvaluatedAfter, Is.EqualTo(new[] { 2, 3 }));
            Assert.That(shortTogether.Seeds[0].Runs[0].TrainedBy, Is.EqualTo(((CompletedExperiment)together[0]).Seeds[0].Runs[0].Key));
            Assert.That(FirstSeedMetricValues(together[1]), Is.EqualTo(FirstSeedMetricValues(alone[0])), "bit-identical metrics");
            Assert.That(FirstSeedMetricValues(together[0])[MetricNames.EpochsRan], Is.EqualTo(3));
            Assert.That(FirstSeedMetricValues(together[1])[MetricNames.EpochsRan], Is.EqualTo(2));
        });
    }

    [Test]
    public void A_second_request_is_served_from_the_verified_run_cache_without_training()
    {
        var (first, _) = Run(cacheFolder, 1, Short);
        var (second, observer) = Run(cacheFolder, 1, Short);
        Assert.Multiple(() =>
        {
            Assert.That(observer.Trainings, Is.EqualTo(0));
            Assert.That(observer.Reused, Is.EqualTo(1));
            Assert.That(observer.Rejections, Is.Empty, "a record written by the runner verifies");
            Assert.That(FirstSeedMetricValues(second[0]), Is.EqualTo(FirstSeedMetricValues(first[0])));
        });
    }

    [Test]
    public void Cross_validation_scores_every_fold_and_takes_numpy_mean_and_std()
    {
        var cv = Report001.CrossValidationOnSubset with { Training = Report001.CrossValidationOnSubset.Training with { Epochs = 1 } };
        var (outcomes, observer) = Run(cacheFolder, 1, cv);
        var done = (CompletedExperiment)outcomes[0];
        var folds = done.Seeds[0].Runs;
        var accuracies = folds.Select(f => f.EvaluationAccuracy).ToArray();
        var mean = accuracies.Average();
        var metrics = done.Seeds[0].MetricValues;
        Assert.Multiple(() =>
        {
            Assert.That(observer.Trainings, Is.EqualTo(5));
            Assert.That(folds.Select(f => f.Fold), Is.EqualTo(new int?[] { 0, 1, 2, 3, 4 }));
            // KFold(5) of 1,797 rows: held-out folds of 360, 360, 359, 359, 359; each trains on the rest.
            Assert.That(folds.Select(f => f.EvaluationExamples), Is.EqualTo(new long[] { 360, 360, 359, 359, 359 }));
            Assert.That(folds.Select(f => f.TrainExamples), Is.EqualTo(new long[] { 1437, 1437, 1438, 1438, 1438 }));
            Assert.That(metrics[MetricNames.CvMeanAccuracy], Is.EqualTo(mean).Within(1e-15));
            Assert.That(metrics[MetricNames.CvStdAccuracy], Is.EqualTo(Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / 5)).Within(1e-15));
            Assert.That(metrics[MetricNames.CvFoldAccuracy(3)], Is.EqualTo(accuracies[2]));
            Assert.That(folds.Select(f => f.RunSeed).Distinct().Count(), Is.EqualTo(5), "each fold's model starts from its own seed");
        });
    }

    /// <summary>
    /// The five folds of the CNN (dropout after every block) trained two at a time, one libtorch thread each
    /// as `repro run --jobs 2` trains them, give every number of training them one after another, bit for bit.
    /// </summary>
    [Test]
    public void Trainings_side_by_side_give_the_bits_of_training_them_one_after_another()
    {
        var cv = Report001.CrossValidationOnSubset with { Training = Report001.CrossValidationOnSubset.Training with { Epochs = 1 } };
        var threads = Repro.Torch.torch.get_num_threads();
        Repro.Torch.torch.set_num_threads(1);
        try
        {
            var (alone, _) = Run(Path.Combine(cacheFolder, "one-by-one"), 1, keepCheckpoints: false, jobs: 1, cv);
            var (together, observer) = Run(Path.Combine(cacheFolder, "side-by-side"), 1, keepCheckpoints: false, jobs: 2, cv);
            var expected = ((CompletedExperiment)alone[0]).Seeds[0].Runs;
            var actual = ((CompletedExperiment)together[0]).Seeds[0].Runs;
            Assert.Multiple(() =>
            {
                Assert.That(observer.MostAtOnce, Is.EqualTo(2), "two trainings ran at once");
                Assert.That(actual.Select(r => r.Key), Is.EqualTo(expected.Select(r => r.Key)));
                Assert.That(actual.Select(r => r.StepLosses), Is.EqualTo(expected.Select(r => r.StepLosses)), "every step's loss");
                Assert.That(actual.Select(r => r.EvaluationLoss), Is.EqualTo(expected.Select(r => r.EvaluationLoss)));
                Assert.That(actual.Select(r => r.ConfusionMatrix), Is.EqualTo(expected.Select(r => r.ConfusionMatrix)));
                Assert.That(FirstSeedMetricValues(together[0]), Is.EqualTo(FirstSeedMetricValues(alone[0])));
            });
        }
        finally
        {
            Repro.Torch.torch.set_num_threads(threads);
        }
    }

    [Test]
    public void Several_seeds_run_the_own_seed_first_then_one_two_three()
    {
        Assert.That(ExperimentRunner.SeedList(42, 4), Is.EqualTo(new ulong[] { 42, 1, 2, 3 }));
        Assert.That(ExperimentRunner.SeedList(2, 3), Is.EqualTo(new ulong[] { 2, 1, 3 }));
    }

    [Test]
    public void Transfer_experiments_do_not_run_without_their_weights_and_name_the_file()
    {
        var (outcomes, observer) = Run(cacheFolder, 1, Report003.Vgg16TransferHoldOut);
        var notRun = (NotRunExperiment)outcomes[0];
        Assert.Multiple(() =>
        {
            Assert.That(observer.Trainings, Is.EqualTo(0));
            Assert.That(notRun.Reason, Does.StartWith("weights missing: vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (md5 6d6bbae143d832006294945121d1f1fc"));
        });
    }

    /// <summary>
    /// Shards: a 3-epoch training that also serves a 2-epoch run (one family) and another seed's training go to different
    /// shards, each trained once, and their records merged give the numbers of the unsharded batch without training again.
    /// </summary>
    [Test]
    public void An_epochs_family_trains_in_one_shard_and_the_merged_records_give_the_unsharded_numbers()
    {
        var otherSeed = Short with { Id = "test-other-seed", Seed = 7 };
        Experiment[] batch = [Long, Short, otherSeed];
        var (unsharded, _) = Run(Path.Combine(cacheFolder, "unsharded"), 1, batch);
        var (first, firstTrained) = Run(Path.Combine(cacheFolder, "shard-1"), new Shard(1, 2), batch);
        var (second, secondTrained) = Run(Path.Combine(cacheFolder, "shard-2"), new Shard(2, 2), batch);
        var merged = new RunCache(Path.Combine(cacheFolder, "merged"));
        var merge = RunRecordMerge.Into(merged, [new RunCache(Path.Combine(cacheFolder, "shard-1")), new RunCache(Path.Combine(cacheFolder, "shard-2"))]);
        var (combined, retrained) = Run(merged.Folder, 1, batch);

        Assert.Multiple(() =>
        {
            Assert.That((firstTrained.Trainings, secondTrained.Trainings), Is.EqualTo((1, 1)), "two trainings, one in each shard");
            Assert.That(first.Concat(second).Count(o => o is CompletedExperiment), Is.EqualTo(3), "each shard completes the experiments whose trainings it holds");
            Assert.That(merge.Copied, Is.EqualTo(3), "three runs' records from two trainings");
            Assert.That(merge.Conflicts.Concat(merge.Rejected), Is.Empty);
            Assert.That(retrained.Trainings, Is.Zero, "the merged cache holds every run");
            for (var i = 0; i < batch.Length; i++)
                Assert.That(FirstSeedMetricValues(combined[i]), Is.EqualTo(FirstSeedMetricValues(unsharded[i])), batch[i].Id);
        });
    }
}
