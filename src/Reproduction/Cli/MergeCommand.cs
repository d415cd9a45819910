using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Store;
using Repro.Reproduction.Runs;
using Spectre.Console;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro merge &lt;folder&gt;…`: combines the artifacts folders of the shards of one batch (`repro run --shard K/N`) into this
/// repository's artifacts: their run records into artifacts/cache/runs (<see cref="RunRecordMerge"/>), then, when every
/// planned training is there, the results of the whole batch, written as `repro run` writes them from the run cache (it
/// trains nothing), so results, `repro report` and the gate see what one unsharded run would have left.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "The shards' artifacts folders (each holds cache/runs and shards/K-of-N.json).", Arity = ArgumentArity.OneOrMore };
        var results = new Option<string?>("--results") { Description = "Results folder (default: artifacts/results)." };
        var command = new Command("merge", "Combine the run records of the shards of one batch and write its results.") { folders, results };
        command.SetAction(parse => Merge(parse.GetValue(folders)!, parse.GetValue(results)));
        return command;
    }

    private static int Merge(string[] folders, string? resultsFolder)
    {
        var manifests = new List<(string Path, ShardManifest Manifest)>();
        foreach (var folder in folders.Select(Path.GetFullPath))
        {
            if (!Directory.Exists(folder)) return CliErrors.Report($"{folder} does not exist: give the artifacts folder of each shard (`repro run --shard K/N` writes artifacts/).");
            try
            {
                var found = ShardManifest.ReadAll(folder);
                if (found.Count == 0)
                    return CliErrors.Report($"{folder} holds no shard manifest ({Path.Combine("shards", "K-of-N.json")}): give the artifacts folder of a `repro run --shard K/N` run.");
                manifests.AddRange(found);
            }
            catch (InvalidDataException e)
            {
                return CliErrors.Report(e.Message);
            }
        }

        var (firstPath, plan) = manifests[0];
        foreach (var (path, manifest) in manifests.Skip(1))
        {
            if (plan.Differences(manifest) is { Count: > 0 } differences)
                return CliErrors.Report($"{firstPath} and {path} are shards of different batches ({string.Join("; ", differences)}); merge the shards of one `repro run`, run with the same arguments on one engine.");
        }

        var cache = RunCache.Default();
        var merged = RunRecordMerge.Into(cache, folders.Select(f => new RunCache(Path.Combine(Path.GetFullPath(f), "cache", "runs"))));
        foreach (var rejected in merged.Rejected) AnsiConsole.MarkupLineInterpolated($"[yellow]not merged[/] {rejected}");
        if (merged.Conflicts.Count > 0)
        {
            foreach (var conflict in merged.Conflicts) CliErrors.Report(conflict);
            return 1;
        }

        AnsiConsole.MarkupLineInterpolated($"merged {manifests.Count} shard(s) of {plan.Shard.Count} into {cache.Folder}: {merged.Copied} new run record(s)");
        IReadOnlyList<Experiment> experiments;
        try
        {
            experiments = plan.Experiments.Select(id => ExperimentRegistry.Match(id).Single()).ToList();
        }
        catch (UnknownExperimentException e)
        {
            return CliErrors.Report($"{firstPath}: {e.Message} (the shards ran another version of Repro)");
        }

        ComputeDevice.OfClass(plan.DeviceClass).Prepare(plan.Engine.Tf32);
        // The results record libtorch's threads (their manifest's libtorch_parallel): the shards', as one run would have.
        set_num_threads(plan.Engine.Threads);
        var store = DatasetStore.Default();
        // The shards' engine, not this machine's: the keys are theirs, and nothing trains here.
        var runner = new ExperimentRunner(new ExperimentDataLoader(store), new PretrainedWeightFiles(store), cache, CheckpointStore.Default(),
            new ExperimentRunner.Settings(plan.Profile, plan.Seeds, plan.SeedOverride, plan.Engine, Torch.torch.CPU, KeepCheckpoints: false),
            new ConsoleTrainingObserver());
        try
        {
            var missing = runner.Trainings(experiments, plan.Shard.Count)
                .Where(t => t.Family.Any(r => cache.Find(r.Key, out _) is null))
                .Select(t => $"{ShardSplit.Training(t.Family).Describe} (shard {t.Shard}/{plan.Shard.Count})")
                .ToList();
            if (missing.Count > 0)
            {
                var shardsHere = manifests.Select(m => m.Manifest.Shard.Number).Distinct().Order();
                return CliErrors.Report($"{missing.Count} planned training(s) are in none of the merged shards ({string.Join(", ", shardsHere.Select(n => $"{n}/{plan.Shard.Count}"))}): "
                                        + $"{string.Join("; ", missing)}. Run those shards (again) and merge their artifacts folders too.");
            }
        }
        catch (DatasetException e)
        {
            return CliErrors.Report($"planning the batch again needs its data here: {e.Message}");
        }

        var root = resultsFolder is null ? RepositoryPaths.ResultsRoot : Path.GetFullPath(resultsFolder);
        return BatchResults.Write(runner.Run(experiments), root, plan.DeviceClass, plan.Profile, plan.Engine, DateTimeOffset.UtcNow);
    }
}
