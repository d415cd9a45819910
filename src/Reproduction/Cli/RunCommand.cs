using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;
using Repro.Torch;
using Spectre.Console;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro run [id or glob …]`: trains experiments (all when none is named) with a profile and a
/// number of seeds, writes &lt;results&gt;/&lt;device&gt;/&lt;profile&gt;/&lt;id&gt;/result.json for each, and ends
/// with a results table and the list of experiments that could not run here, with the reason.
/// Ctrl-C stops at the end of the current epoch, after its checkpoint; the same command resumes. With --shard K/N (or
/// the shard a scheduler's environment names, <see cref="Shard.FromEnvironment"/>) it trains only part K of N of the
/// trainings and writes the shard's manifest beside the run cache, for `repro merge`.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var patterns = new Argument<string[]>("experiments") { Description = "Experiment ids or globs (e.g. 003-* or '004-batch-*'); all experiments when none is given.", Arity = ArgumentArity.ZeroOrMore };
        var experiments = new Option<string[]>("--experiment", "-e")
        {
            Description = "Experiment id or glob, as an option (repeatable); same as the positional arguments.",
            AllowMultipleArgumentsPerToken = true,
        };
        var profile = new Option<string>("--profile") { Description = "full (the report's settings) or smoke (the same code on the first rows for one epoch).", DefaultValueFactory = _ => "full" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per experiment: its own seed, then 1, 2, 3, …; results show mean ± sd.", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong?>("--seed") { Description = "Replace the experiment's own seed (the first seed)." };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads of one training (default: 1 when trainings run side by side, else libtorch's choice; recorded in the result)." };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Trainings side by side on the CPU, one libtorch thread each, with the same bits as one after another (default: the core count, or 1 with --threads)." };
        var results = new Option<string?>("--results") { Description = "Results folder (default: artifacts/results)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda, or auto (CUDA when this libtorch sees a GPU).", DefaultValueFactory = _ => "cpu" };
        var allowTf32 = new Option<bool>("--allow-tf32") { Description = "Allow TF32 in CUDA matmuls and convolutions (off by default: it changes results)." };
        var keepCheckpoints = new Option<bool>("--keep-checkpoints") { Description = "Keep each training's last epoch checkpoint (artifacts/cache/checkpoints) after it completes." };
        var shard = new Option<string?>("--shard")
        {
            Description = $"Train only part K of N of the trainings (K/N, e.g. 2/4), for `repro merge`; default: the shard {Shard.Variable}, a Slurm job array or a Kubernetes indexed Job ({Shard.CountVariable}) names, else all.",
        };
        var command = new Command("run", "Train experiments and write their results.") { patterns, experiments, profile, seeds, seed, threads, jobs, device, allowTf32, results, keepCheckpoints, shard };
        command.SetAction(parse => Run(
            [.. parse.GetValue(patterns) ?? [], .. parse.GetValue(experiments) ?? []],
            parse.GetValue(profile)!, parse.GetValue(seeds), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(jobs), parse.GetValue(device)!, parse.GetValue(allowTf32), parse.GetValue(results),
            parse.GetValue(keepCheckpoints), parse.GetValue(shard)));
        return command;
    }

    private static int Run(string[] patterns, string profileName, int seedCount, ulong? seed, int? threads, int? jobs, string deviceName, bool allowTf32, string? resultsFolder, bool keepCheckpoints,
        string? shardText)
    {
        if (seedCount < 1) return CliErrors.Report($"--seeds must be at least 1, got {seedCount}.");
        if (jobs < 1) return CliErrors.Report($"--jobs must be at least 1, got {jobs}.");
        RunProfile profile;
        IReadOnlyList<Experiment> selected;
        ComputeDevice device;
        Shard? shard;
        try
        {
            shard = shardText is null ? Shard.FromEnvironment(Environment.GetEnvironmentVariable) : Shard.Parse(shardText, "--shard");
            device = ComputeDevice.Resolve(deviceName);
            profile = RunProfiles.Parse(profileName);
            selected = patterns.Length == 0 ? ExperimentRegistry.All : patterns.SelectMany(ExperimentRegistry.Match).Distinct().ToList();
        }
        catch (Exception e) when (e is UnknownExperimentException or ArgumentException)
        {
            return CliErrors.Report(e.Message);
        }

        // Side by side, a training gets one libtorch thread: the bits then do not depend on how many run at once.
        if (device.Device.type != DeviceType.CPU && jobs > 1)
            return CliErrors.Report($"--jobs {jobs}: trainings run side by side only on the CPU; on {deviceName} they run one after another (drop --jobs).");
        var sideBySide = device.Device.type != DeviceType.CPU ? 1 : jobs ?? (threads is null ? Environment.ProcessorCount : 1);
        if (sideBySide > 1 && threads is not (null or 1))
            return CliErrors.Report($"--threads {threads} with --jobs {sideBySide}: trainings side by side use one libtorch thread each; drop --threads, or give --jobs 1.");
        if ((sideBySide > 1 ? 1 : threads) is { } count) set_num_threads(count);
        device.Prepare(allowTf32);
        var deviceClass = device.DeviceClass;
        var store = DatasetStore.Default();
        var engine = EngineFingerprint.Current(deviceClass, allowTf32);
        var checkpoints = CheckpointStore.Default();
        var cache = RunCache.Default();
        var runner = new ExperimentRunner(new ExperimentDataLoader(store), new PretrainedWeightFiles(store), cache, checkpoints,
            new ExperimentRunner.Settings(profile, seedCount, seed, engine, device.Device, keepCheckpoints, sideBySide, shard),
            new ConsoleTrainingObserver());
        AnsiConsole.MarkupLineInterpolated($"[bold]{selected.Count}[/] experiment(s), profile [bold]{profile.Name()}[/], {seedCount} seed(s), {deviceClass}, {get_num_threads()} thread(s) per training, up to {sideBySide} side by side");
        AnsiConsole.MarkupLineInterpolated($"engine {engine.Id}: libtorch {engine.Libtorch}, CPU capability {engine.CpuCapability}, BLAS {engine.Blas}, {engine.Processor}");
        var root = resultsFolder is null ? RepositoryPaths.ResultsRoot : Path.GetFullPath(resultsFolder);
        var preflight = new StoragePreflight();
        if ((preflight.Problem(cache.Folder, "make artifacts/cache a link to a folder on another disk")
                ?? preflight.Problem(Path.Combine(root, deviceClass, profile.Name()), "point --results at another folder")) is { } storage)
            return CliErrors.Report(storage);
        if (shard is not null)
        {
            var manifest = new ShardManifest(shard, profile, seedCount, seed, selected.Select(e => e.Id).ToList(), deviceClass, engine);
            if (OtherBatch(manifest) is { } problem) return CliErrors.Report(problem);
            manifest.Write(RepositoryPaths.Artifacts);
            AnsiConsole.MarkupLineInterpolated($"shard [bold]{shard}[/]: this run trains part {shard.Number} of {shard.Count} of the trainings; `repro merge` the shards' artifacts folders for the results of all");
        }

        var started = DateTimeOffset.UtcNow;
        IReadOnlyList<ExperimentOutcome> outcomes;
        using (var interrupt = new CtrlCStop())
        {
            try
            {
                outcomes = runner.Run(selected, interrupt.Token);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLineInterpolated($"to resume, run the same command again: {string.Join(" ", ["repro", .. Environment.GetCommandLineArgs().Skip(1)])}");
                return CliErrors.Report($"interrupted after a complete epoch, whose checkpoint is in {checkpoints.Folder}");
            }
        }

        return BatchResults.Write(outcomes, root, deviceClass, profile, engine, started);
    }

    /// <summary>
    /// Why this shard may not join the manifests already in artifacts/shards, or null: `repro merge` reads a folder's
    /// manifests as the shards of one batch, so the shard of another batch there (an earlier one with other arguments, or
    /// a machine with another engine) would be overwritten, or refused only at the merge, after the training.
    /// </summary>
    private static string? OtherBatch(ShardManifest manifest)
    {
        try
        {
            foreach (var (path, existing) in ShardManifest.ReadAll(RepositoryPaths.Artifacts))
            {
                if (existing.Differences(manifest) is { Count: > 0 } differences)
                    return $"{path} is a shard of another batch ({string.Join("; ", differences)}), and one artifacts folder holds the shards of one batch: "
                           + $"`repro merge` that batch first if it is not merged yet, then delete {ShardManifest.Folder(RepositoryPaths.Artifacts)} (the run records stay) and run this shard again; "
                           + "or give every shard of this batch the same arguments and the same kind of machine.";
            }

            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }
}
