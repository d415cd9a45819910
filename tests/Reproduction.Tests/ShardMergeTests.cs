using System.Text.Json.Nodes;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro run --shard K/N` on two "machines" (scratch repository roots) and `repro merge` on a third give the results of
/// one unsharded run, number for number: the smoke profile of a cross-validation (five trainings a seed), a hold-out run,
/// and report 004's epochs runs, which share one training. A merge without a shard names the missing trainings and their
/// shard; records that disagree under one key are a conflict that names both files; a shard run again after it failed
/// trains only what it lacks; a shard of another batch is refused by a folder that holds a batch's manifests.
/// </summary>
[NonParallelizable]
public class ShardMergeTests
{
    private static readonly string[] Experiments = ["001-cnn-cv-digits-subset", "001-cnn-holdout-digits-subset", "004-epochs-10", "004-epochs-15", "004-epochs-20"];

    private string parent = null!;
    private ReproProcess single = null!, first = null!, second = null!;

    [OneTimeSetUp]
    public void RunOnceAndInTwoShards()
    {
        parent = Path.Combine(Path.GetTempPath(), "repro-shard-tests", Guid.NewGuid().ToString("N"));
        single = new ReproProcess(parent, "single");
        first = new ReproProcess(parent, "shard-1");
        second = new ReproProcess(parent, "shard-2");
        Succeeds(single.Run(Arguments()));
        Succeeds(first.Run(Arguments("--shard", "1/2")));
        // The second shard learns its part from the environment, as a Slurm array task does.
        Succeeds(second.Run(Arguments(), new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "2" }));
    }

    [OneTimeTearDown]
    public void RemoveScratchRoots()
    {
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    private static string[] Arguments(params string[] more) => ["run", "--profile", "smoke", "--jobs", "1", "--threads", "1", .. Experiments, .. more];

    private static string Succeeds((int Code, string Output) run)
    {
        Assert.That(run.Code, Is.Zero, run.Output);
        return run.Output;
    }

    [Test]
    public void Two_shards_merged_give_the_results_of_one_run()
    {
        var shardRecords = Directory.GetFiles(first.RunCache).Select(Path.GetFileName).ToList();
        var otherRecords = Directory.GetFiles(second.RunCache).Select(Path.GetFileName).ToList();
        var merged = new ReproProcess(parent, "merged");
        var output = Succeeds(merged.Run(["merge", first.Artifacts, second.Artifacts]));

        Assert.Multiple(() =>
        {
            Assert.That(shardRecords, Is.Not.Empty);
            Assert.That(otherRecords, Is.Not.Empty);
            Assert.That(shardRecords.Intersect(otherRecords), Is.Empty, "each training is trained in one shard only");
            Assert.That(output, Does.Not.Contain("training 1/"), "the merge trains nothing");
            Assert.That(Directory.GetFiles(merged.RunCache).Select(Path.GetFileName), Is.EquivalentTo(Directory.GetFiles(single.RunCache).Select(Path.GetFileName)));
            foreach (var id in Experiments)
                Assert.That(ResultNumbers.Differences(Numbers(single, id), Numbers(merged, id)), Is.Empty, id);
        });
    }

    [Test]
    public void A_merge_without_a_shard_lists_the_missing_trainings_with_their_shard()
    {
        var merged = new ReproProcess(parent, "only-first");
        var (code, output) = merged.Run(["merge", first.Artifacts]);
        var missing = Directory.GetFiles(second.RunCache).Length;

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("planned training(s) are in none of the merged shards (1/2)"));
            Assert.That(output, Does.Contain("(shard 2/2)"));
            Assert.That(output, Does.Not.Contain("(shard 1/2)"));
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.Exists(Path.Combine(merged.Artifacts, "results")), Is.False, "no results from an incomplete batch");
            Assert.That(missing, Is.Positive);
        });
    }

    [Test]
    public void The_same_key_with_other_numbers_is_a_conflict_naming_both_files()
    {
        var other = new ReproProcess(parent, "other-engine");
        var key = Path.GetFileNameWithoutExtension(Directory.GetFiles(second.RunCache)[0]);
        var record = new RunCache(second.RunCache).Find(key, out _)!;
        var claimed = new RunCache(other.RunCache);
        claimed.Store(record with { EvaluationLoss = record.EvaluationLoss + 1e-6 });
        CopyFolder(ShardManifest.Folder(second.Artifacts), ShardManifest.Folder(other.Artifacts));
        var merged = new ReproProcess(parent, "conflicted");
        var (code, output) = merged.Run(["merge", first.Artifacts, second.Artifacts, other.Artifacts]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain($"run {key}:"));
            Assert.That(output, Does.Contain(new RunCache(second.RunCache).PathOf(key)));
            Assert.That(output, Does.Contain(claimed.PathOf(key)));
            Assert.That(output, Does.Contain("differ in evaluation_loss;"));
        });
    }

    [Test]
    public void A_shard_run_again_after_a_failure_trains_only_what_it_lacks()
    {
        var rerun = new ReproProcess(parent, "rerun");
        CopyFolder(second.Artifacts, rerun.Artifacts);
        var records = Directory.GetFiles(rerun.RunCache).Order(StringComparer.Ordinal).ToList();
        Assert.That(records, Has.Count.GreaterThan(1), "shard 2 trains several runs");
        var lost = records[^1];
        File.Delete(lost);
        var kept = records[..^1].ToDictionary(f => f, File.ReadAllBytes);
        var output = Succeeds(rerun.Run(Arguments("--shard", "2/2")));

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("training 1/1 "), "one training, the lost one");
            Assert.That(Directory.GetFiles(rerun.RunCache).Order(StringComparer.Ordinal), Is.EqualTo(records));
            foreach (var (file, bytes) in kept) Assert.That(File.ReadAllBytes(file), Is.EqualTo(bytes), $"{file} is reused as it was");
            Assert.That(ResultNumbers.Differences(Numbers(new RunCache(second.RunCache), lost), Numbers(new RunCache(rerun.RunCache), lost)), Is.Empty);
        });
    }

    [Test]
    public void Shards_of_different_batches_or_a_folder_without_a_shard_are_refused()
    {
        var otherBatch = new ReproProcess(parent, "other-batch");
        CopyFolder(first.Artifacts, otherBatch.Artifacts);
        var manifest = Path.Combine(ShardManifest.Folder(otherBatch.Artifacts), "1-of-2.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"seeds\": 1", "\"seeds\": 3", StringComparison.Ordinal));
        var merged = new ReproProcess(parent, "refused");
        var (mixed, mixedOutput) = merged.Run(["merge", otherBatch.Artifacts, second.Artifacts]);
        var (empty, emptyOutput) = merged.Run(["merge", merged.Root]);

        Assert.Multiple(() =>
        {
            Assert.That(mixed, Is.EqualTo(1), mixedOutput);
            // Both manifests are named; the line is too long for the console not to wrap it between them.
            Assert.That(mixedOutput, Does.Contain(manifest).And.Contain("shards/2-of-2.json").And.Contain("are shards of different batches (seeds: 3 → 1)"));
            Assert.That(empty, Is.EqualTo(1), emptyOutput);
            Assert.That(emptyOutput, Does.Contain($"{merged.Root} holds no shard manifest"));
            Assert.That(mixedOutput + emptyOutput, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void A_shard_of_another_batch_is_refused_before_it_trains_and_one_of_the_same_batch_joins()
    {
        // One artifacts folder for every shard, as on a shared file system: shard 1's, with shard 2's records in it too.
        var shared = new ReproProcess(parent, "shared-folder");
        CopyFolder(first.Artifacts, shared.Artifacts);
        foreach (var record in Directory.GetFiles(second.RunCache)) File.Copy(record, Path.Combine(shared.RunCache, Path.GetFileName(record)));
        var manifest = ShardManifest.PathOf(shared.Artifacts, new Shard(1, 2));
        var before = File.ReadAllText(manifest);
        var (code, output) = shared.Run(["run", "--profile", "smoke", "--shard", "1/2", Experiments[1]]);
        var joined = Succeeds(shared.Run(Arguments("--shard", "2/2")));
        // The console wraps long lines at spaces.
        var message = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(message, Does.Contain($"{manifest} is a shard of another batch (experiments: {string.Join(" ", Experiments)} → {Experiments[1]})"));
            Assert.That(message, Does.Contain($"then delete {ShardManifest.Folder(shared.Artifacts)} (the run records stay) and run this shard again"));
            Assert.That(output, Does.Not.Contain("training 1/"), "nothing trains");
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.ReadAllText(manifest), Is.EqualTo(before), "the other batch's manifest stays as it was");
            Assert.That(joined, Does.Not.Contain("training 1/"), "shard 2's trainings are among the folder's records");
            Assert.That(File.Exists(ShardManifest.PathOf(shared.Artifacts, new Shard(2, 2))), "shard 2 of the same batch joins shard 1's manifest");
        });
    }

    [TestCase("3/2", "shard 3 does not exist; shards of 2 are numbered 1 to 2")]
    [TestCase("0/2", "shard 0 does not exist")]
    [TestCase("2", "is not K/N")]
    [TestCase("1/0", "the number of shards must be at least 1")]
    public void A_malformed_shard_says_what_is_wrong(string shard, string message)
    {
        var (code, output) = single.Run(["run", "--profile", "smoke", "--shard", shard, Experiments[0]]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain($"error: --shard '{shard}'"));
            Assert.That(output, Does.Contain(message));
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    private static JsonObject Numbers(ReproProcess repro, string id) =>
        ResultNumbers.OfResult(RepositoryPaths.ResultJson(Path.Combine(repro.Artifacts, "results"), "cpu", "smoke", id));

    private static JsonObject Numbers(RunCache cache, string file)
    {
        var record = cache.Find(Path.GetFileNameWithoutExtension(file), out var rejection) ?? throw new AssertionException(rejection ?? $"{file} is missing");
        return ResultNumbers.OfRun(System.Text.Json.JsonSerializer.SerializeToNode(record, RunRecord.Json)!.AsObject());
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
