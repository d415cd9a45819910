using Repro.Reproduction.Runs;
using static Repro.Reproduction.Tests.RunnerHarness;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Shards at the full profile, on report 001's CNN for a few epochs on the real digits subset: a 3-epoch training that
/// also serves a 2-epoch run (one family) and another seed's training go to different shards, each trained once, and
/// their records merged give the numbers of the unsharded batch without training again.
/// </summary>
public class ShardedRunnerTests
{
    private string folder = null!;

    [SetUp]
    public void SetUp() => folder = Path.Combine(Path.GetTempPath(), "repro-sharded-runner-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void An_epochs_family_trains_in_one_shard_and_the_merged_records_give_the_unsharded_numbers()
    {
        var longer = ExperimentRunnerTests.Short with { Id = "test-longer", Training = ExperimentRunnerTests.Short.Training with { Epochs = 3 } };
        var otherSeed = ExperimentRunnerTests.Short with { Id = "test-other-seed", Seed = 7 };
        Repro.Experiments.Experiment[] batch = [longer, ExperimentRunnerTests.Short, otherSeed];
        var (unsharded, _) = Run(Path.Combine(folder, "unsharded"), 1, batch);
        var (first, firstTrained) = Run(Path.Combine(folder, "shard-1"), new Shard(1, 2), batch);
        var (second, secondTrained) = Run(Path.Combine(folder, "shard-2"), new Shard(2, 2), batch);
        var merged = new RunCache(Path.Combine(folder, "merged"));
        var merge = RunRecordMerge.Into(merged, [new RunCache(Path.Combine(folder, "shard-1")), new RunCache(Path.Combine(folder, "shard-2"))]);
        var (combined, retrained) = Run(merged.Folder, 1, batch);

        Assert.Multiple(() =>
        {
            Assert.That((firstTrained.Trainings, secondTrained.Trainings), Is.EqualTo((1, 1)), "two trainings, one in each shard");
            Assert.That(first.Concat(second).Count(o => o is CompletedExperiment), Is.EqualTo(3), "each shard completes the experiments whose trainings it holds");
            Assert.That(merge.Copied, Is.EqualTo(3), "three runs' records from two trainings");
            Assert.That(merge.Conflicts.Concat(merge.Rejected), Is.Empty);
            Assert.That(retrained.Trainings, Is.Zero, "the merged cache holds every run");
            for (var i = 0; i < batch.Length; i++)
                Assert.That(SeedMetrics(combined[i]), Is.EqualTo(SeedMetrics(unsharded[i])), batch[i].Id);
        });
    }
}
