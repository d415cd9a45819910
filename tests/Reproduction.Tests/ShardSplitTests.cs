using Repro.Experiments;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The split of the whole registry's full-profile plan (every experiment, one seed, every fold) into shards: balanced by
/// estimated cost, the same whatever the order of the plan or the engine of the machine that computes it, and a training
/// that serves several runs (report 004's epochs table) whole in one shard. The shard a scheduler's environment names.
/// </summary>
public class ShardSplitTests
{
    /// <summary>Every training of the full profile, by family, keyed with <paramref name="engine"/>.</summary>
    private static List<IReadOnlyList<TrainingRun>> Plan(string engine) => ExperimentRegistry.All
        .SelectMany(e => Enumerable.Range(0, TimeEstimate.TrainingsPerSeed(e))
            .Select(k => TrainingRun.Create(e, RunProfile.Full, e.Seed, e.Protocol is CrossValidation ? k : null, "the same data", engine)))
        .GroupBy(r => r.FamilyKey)
        .Select(f => (IReadOnlyList<TrainingRun>)f.ToList())
        .ToList();

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(8)]
    [TestCase(40)]
    public void Shards_are_within_one_training_of_each_other(int count)
    {
        var plan = Plan("engine A");
        var shards = ShardSplit.Assign(plan, count);
        var loads = Enumerable.Range(1, count).Select(n => plan.Where((_, i) => shards[i] == n).Sum(f => ShardSplit.Cost(ShardSplit.Training(f)))).ToList();
        var longest = plan.Max(f => ShardSplit.Cost(ShardSplit.Training(f)));

        Assert.Multiple(() =>
        {
            Assert.That(shards, Is.All.InRange(1, count));
            Assert.That(loads.Max() - loads.Min(), Is.LessThanOrEqualTo(longest), string.Join(", ", loads.Select(l => TimeEstimate.Format(TimeSpan.FromSeconds(l)))));
            // Longest first to the lightest shard stays within 4/3 of the best split; the average load bounds the best split from below.
            Assert.That(loads.Max(), Is.LessThanOrEqualTo(Math.Max(longest, loads.Sum() / count) * 4 / 3));
        });
    }

    [Test]
    public void The_split_depends_on_neither_the_order_of_the_plan_nor_the_engine()
    {
        var plan = Plan("engine A");
        var elsewhere = Plan("engine B");
        elsewhere.Reverse();
        var here = Split(plan, 5);
        var there = Split(elsewhere, 5);

        Assert.Multiple(() =>
        {
            Assert.That(elsewhere.Select(f => f[0].Key).Intersect(plan.Select(f => f[0].Key)), Is.Empty, "the engines give other run keys");
            Assert.That(there, Is.EqualTo(here));
        });
    }

    [Test]
    public void Runs_that_one_training_serves_are_one_family_in_one_shard()
    {
        var epochsTable = Plan("engine A").Where(f => f.Any(r => r.Experiment.Id.StartsWith("004-epochs-", StringComparison.Ordinal))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(epochsTable.Select(f => f[0].Fold), Is.EquivalentTo(new int?[] { 0, 1, 2, 3, 4 }), "one training per fold of report 004's 5-fold CV");
            foreach (var family in epochsTable)
                Assert.That(family.Select(r => r.Epochs), Is.SupersetOf(new[] { 10, 15, 20, 25, 30 }), "the 30-epoch training of a fold serves its five epoch counts");
        });
    }

    /// <summary>Each family's shard, by the key of its training without the engine.</summary>
    private static Dictionary<string, int> Split(List<IReadOnlyList<TrainingRun>> plan, int count)
    {
        var shards = ShardSplit.Assign(plan, count);
        return plan.Select((f, i) => (ShardSplit.Training(f).CheckpointKey, shards[i])).ToDictionary(p => p.CheckpointKey, p => p.Item2);
    }

    [Test]
    public void The_environment_names_the_shard_as_each_scheduler_counts()
    {
        Shard? From(params (string Name, string Value)[] variables) =>
            Shard.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

        Assert.Multiple(() =>
        {
            Assert.That(From(), Is.Null);
            Assert.That(From(("REPRO_SHARD", "3/4"), ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo(new Shard(3, 4)), "explicit first");
            Assert.That(From(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo(new Shard(2, 4)), "sbatch --array=1-4");
            Assert.That(From(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo(new Shard(1, 4)), "sbatch --array=0-3");
            Assert.That(From(("JOB_COMPLETION_INDEX", "3"), ("REPRO_SHARD_COUNT", "4")), Is.EqualTo(new Shard(4, 4)), "an indexed Job counts from 0");
            Assert.That(() => From(("JOB_COMPLETION_INDEX", "3")), Throws.ArgumentException.With.Message.Contains("REPRO_SHARD_COUNT is not set"));
            Assert.That(() => From(("JOB_COMPLETION_INDEX", "4"), ("REPRO_SHARD_COUNT", "4")), Throws.ArgumentException.With.Message.Contains("shard 5 does not exist"));
            Assert.That(() => From(("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_COUNT", "4")), Throws.ArgumentException.With.Message.Contains("SLURM_ARRAY_TASK_ID is 'x', not a whole number"));
        });
    }
}
