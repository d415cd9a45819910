using Repro.Experiments;
using Repro.Reproduction;
using Repro.Reproduction.Results;
using Repro.Reproduction.Tests;

namespace Repro.Regression;

/// <summary>
/// Two shards and a merge give the results of one run. `./build.sh Test` trains the smoke profile of every experiment and
/// report 001's CPU-budget full runs once unsharded, into artifacts/results, and again as `repro run --shard 1/2` and `--shard 2/2` in scratch repository roots whose artifacts folders `repro merge`
/// combines in a third, artifacts/shard-check/merged. Every merged result must equal the unsharded one bit for bit: the
/// whole result.json, run keys included, but timing and start time (<see cref="ResultNumbers"/>). Both runs are this
/// machine's engine, so REPRO_RESULTS (the results of another engine, for the gate) is not read.
/// </summary>
public class ShardedRunTests
{
    private static readonly string Device = GatedDevice.Class;

    /// <summary>The results `repro merge` wrote from the shards (the folder build/build.cake's Test target merges into).</summary>
    private static readonly string MergedResults = Path.Combine(RepositoryPaths.Artifacts, "shard-check", "merged", "artifacts", "results");

    private static IEnumerable<TestCaseData> Compared()
    {
        foreach (var e in ExperimentRegistry.All)
            yield return new TestCaseData("smoke", e.Id).SetName($"Sharded(smoke, {e.Id})");
        // The full batch is the Test target's choice: every full result the merge wrote is compared.
        var full = Path.Combine(MergedResults, Device, "full");
        foreach (var id in (Directory.Exists(full) ? Directory.GetDirectories(full) : []).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            yield return new TestCaseData("full", id).SetName($"Sharded(full, {id})");
    }

    [TestCaseSource(nameof(Compared))]
    public void Merged_shards_give_the_numbers_of_one_run(string profile, string experimentId)
    {
        var merged = RepositoryPaths.ResultJson(MergedResults, Device, profile, experimentId);
        var single = RepositoryPaths.ResultJson(RepositoryPaths.ResultsRoot, Device, profile, experimentId);
        if (!Directory.Exists(Path.Combine(MergedResults, Device, profile)))
            Assert.Ignore($"NOT RUN {experimentId}: no merged {profile} results in {Path.Combine(MergedResults, Device, profile)}. "
                          + "`./build.sh Test` makes them (its sharded pass) beside the unsharded ones it compares them with.");
        if (!File.Exists(merged) && !File.Exists(single))
            Assert.Ignore($"NOT RUN {experimentId}: neither the merged shards nor the unsharded run wrote a {profile} result (it does not run here).");
        Assert.Multiple(() =>
        {
            Assert.That(merged, Does.Exist, $"the shards' merge wrote no {profile} result of {experimentId}, the unsharded run did: {single}");
            Assert.That(single, Does.Exist, $"the unsharded run wrote no {profile} result of {experimentId}, the shards' merge did: {merged}");
        });
        // The merged shards stay in artifacts/ until the next `./build.sh Test`; beside results of other code made since (a
        // later `repro run`), they are stale, not wrong. Same code, any other difference of engine is compared and fails.
        var (mergedCode, singleCode) = (ResultFile.Read(merged, experimentId).Engine?.Code, ResultFile.Read(single, experimentId).Engine?.Code);
        if (mergedCode != singleCode)
            Assert.Ignore($"STALE {experimentId}: the merged shards' {profile} result is of other code ({mergedCode}) than the unsharded one ({singleCode}); `./build.sh Test` makes both anew.");
        var differences = ResultNumbers.Differences(ResultNumbers.OfResult(single), ResultNumbers.OfResult(merged));
        Assert.That(differences, Is.Empty, $"{merged} differs from {single} (unsharded ≠ merged):\n" + string.Join("\n", differences));
    }
}
