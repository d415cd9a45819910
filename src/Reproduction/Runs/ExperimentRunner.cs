using System.Diagnostics;
using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Splits;
using Repro.Reproduction.Store;
using Repro.Reproduction.Training;
using Repro.Torch;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Runs a batch of experiments: plans every training they need (per seed and fold), trains each
/// distinct run once (identical definitions share a key; runs that differ only in epochs share
/// the longest training), keeps the numbers in the run cache (reusing only records that verify),
/// and assembles each experiment's seeds from them; with a <see cref="Settings.Shard"/> it trains only that shard's part
/// and assembles the experiments whose records are all there. Every training on the CPU writes a checkpoint after
/// each epoch and resumes from a verified one of the same engine, so an interrupted batch continues
/// where it stopped with the same bits; a training's checkpoint is deleted once it completes. On the CPU
/// up to <see cref="Settings.Jobs"/> trainings run side by side, one libtorch thread each: a training owns
/// its generators and runs the same single-threaded kernels as alone, so its bits do not depend on the others.
/// A transfer experiment's base is loaded from its pretrained weight files: always in the full profile (which
/// does not run without them), and in the smoke profile when they are on disk (else the base keeps Keras's
/// initialisers, as smoke data falls back to fixtures); the files' SHA-256s are part of the run key.
/// </summary>
public sealed class ExperimentRunner(ExperimentDataLoader data, PretrainedWeightFiles weights, RunCache cache, CheckpointStore checkpoints, ExperimentRunner.Settings settings,
    IRunObserver observer)
{
    /// <param name="Profile">full or smoke.</param>
    /// <param name="Seeds">How many seeds per experiment: its own seed, then 1, 2, 3, … (skipping its own).</param>
    /// <param name="SeedOverride">Replaces the experiment's own seed as the first seed.</param>
    /// <param name="Engine">What decides the bits of a number besides the definition: its id is part of every run key.</param>
    /// <param name="Device">Where models train; data and models move there, initialisation and shuffling stay seeded on the CPU.</param>
    /// <param name="KeepCheckpoints">Keep each training's last checkpoint after it completes.</param>
    /// <param name="Jobs">Trainings side by side (CPU; each should have one libtorch thread).</param>
    /// <param name="Shard">Train only this shard's trainings (<see cref="ShardSplit"/>); the others come from the run cache or wait for `repro merge`. Null: all.</param>
    public sealed record Settings(RunProfile Profile, int Seeds, ulong? SeedOverride, EngineFingerprint Engine, Device Device, bool KeepCheckpoints, int Jobs = 1,
        Shard? Shard = null);

    // The data loader caches what it read; trainings side by side load one at a time.
    private readonly Lock loading = new();

    private readonly FullRunPrerequisites prerequisites = new(data, weights);

    /// <summary>The weight files each planned training loads, by run key.</summary>
    private readonly Dictionary<string, IReadOnlyList<string>> pretrained = new(StringComparer.Ordinal);

    private sealed record Planned(Experiment Experiment, IReadOnlyList<(ulong Seed, IReadOnlyList<TrainingRun> Runs)> Seeds, bool Fixture, string Description,
        IReadOnlyDictionary<string, ResolvedFile> Files);

    /// <param name="experiments">The batch.</param>
    /// <param name="stop">Once cancelled, the current training stops after its next checkpoint and no other starts: <see cref="OperationCanceledException"/>.</param>
    public IReadOnlyList<ExperimentOutcome> Run(IReadOnlyList<Experiment> experiments, CancellationToken stop = default)
    {
        var outcomes = new ExperimentOutcome?[experiments.Count];
        var planned = new List<(int Index, Planned Plan)>();
        for (var i = 0; i < experiments.Count; i++)
        {
            try
            {
                if (Plan(experiments[i]) is { } plan) planned.Add((i, plan));
                else outcomes[i] = new NotRunExperiment(experiments[i], NotRunReason(experiments[i])!);
            }
            catch (DatasetException e)
            {
                outcomes[i] = new FailedExperiment(experiments[i], e.Message);
            }
        }

        var (records, failedFamilies) = Train(planned.SelectMany(p => p.Plan.Seeds.SelectMany(s => s.Runs)).ToList(), stop);
        foreach (var (index, plan) in planned)
        {
            var runs = plan.Seeds.SelectMany(s => s.Runs).ToList();
            var failure = runs.Select(r => failedFamilies.GetValueOrDefault(r.FamilyKey)).FirstOrDefault(m => m is not null);
            var waiting = runs.Where(r => !records.ContainsKey(r.Key)).ToList();
            outcomes[index] = failure is not null ? new FailedExperiment(plan.Experiment, failure)
                : waiting.Count > 0 ? new NotRunExperiment(plan.Experiment, $"{waiting.Count} of its {runs.Count} runs are trained by other shards than {settings.Shard}; `repro merge` the shards' artifacts folders for its result")
                : Assemble(plan, records);
            observer.ExperimentFinished(outcomes[index]!);
        }

        return outcomes.Select(o => o!).ToList();
    }

    /// <summary>Why the full profile cannot run an experiment here, or null when it can (the smoke profile always can).</summary>
    private string? NotRunReason(Experiment experiment) => settings.Profile == RunProfile.Smoke ? null : prerequisites.Missing(experiment);

    public static IReadOnlyList<ulong> SeedList(ulong first, int count) =>
        [first, .. Enumerable.Range(1, int.MaxValue - 1).Select(i => (ulong)i).Where(s => s != first).Take(Math.Max(0, count - 1))];

    /// <summary>
    /// The trainings a batch needs, by family (the runs one training serves), each with the shard that trains it when the
    /// batch is split into <paramref name="shards"/>; experiments that cannot run here need none.
    /// </summary>
    public IReadOnlyList<(IReadOnlyList<TrainingRun> Family, int Shard)> Trainings(IReadOnlyList<Experiment> experiments, int shards)
    {
        var families = Families(experiments.Select(Plan).OfType<Planned>().SelectMany(p => p.Seeds.SelectMany(s => s.Runs)).ToList());
        return families.Zip(ShardSplit.Assign(families, shards)).ToList();
    }

    private static List<IReadOnlyList<TrainingRun>> Families(IReadOnlyList<TrainingRun> runs) =>
        runs.GroupBy(r => r.FamilyKey).Select(f => (IReadOnlyList<TrainingRun>)f.ToList()).ToList();

    /// <summary>
    /// The trainings of <paramref name="experiment"/> under <paramref name="profile"/> for each seed: one, or one per fold of
    /// a cross-validation, keyed by the data they train on (<see cref="TrainingRun.DataFingerprint"/>) and the engine's id.
    /// What a batch plans, and what `repro import` expects of a result made elsewhere.
    /// </summary>
    public static IReadOnlyList<(ulong Seed, IReadOnlyList<TrainingRun> Runs)> PlanRuns(Experiment experiment, RunProfile profile, IReadOnlyList<ulong> seeds,
        string dataFingerprint, string engineId)
    {
        var trained = profile.Apply(experiment);
        var folds = experiment.Protocol is CrossValidation cv ? Enumerable.Range(0, cv.Folds).Select(k => (int?)k).ToList() : [null];
        return seeds.Select(seed => (seed, (IReadOnlyList<TrainingRun>)folds.Select(fold => TrainingRun.Create(trained, profile, seed, fold, dataFingerprint, engineId)).ToList()))
            .ToList();
    }

    private Planned? Plan(Experiment experiment)
    {
        if (NotRunReason(experiment) is not null) return null;
        var trained = settings.Profile.Apply(experiment);
        using var dataset = data.Load(trained.Data, trained.InputShape, settings.Profile.Slice(), fixtureWhenMissing: settings.Profile == RunProfile.Smoke);
        var weightFiles = weights.Resolve(experiment, smoke: settings.Profile == RunProfile.Smoke);
        var fingerprint = TrainingRun.DataFingerprint(dataset.Origin, dataset.Files.Values.Select(f => (f.FileName, f.Sha256)), weightFiles.Select(f => f.Sha256));
        var seeds = PlanRuns(experiment, settings.Profile, SeedList(settings.SeedOverride ?? experiment.Seed, settings.Seeds), fingerprint, settings.Engine.Id);
        foreach (var run in seeds.SelectMany(s => s.Runs)) pretrained[run.Key] = weightFiles.Select(f => f.Path).ToList();
        var description = experiment.Weights.Count == 0 ? dataset.Description
            : dataset.Description + (weightFiles.Count > 0
                ? $"; base weights from {string.Join(", ", weightFiles.Select(f => f.Unpublished is { } why ? $"{f.FileName} ({why})" : f.FileName))}"
                : "; base weights: Keras's initialisers (the weight files are not on disk)");
        var files = dataset.Files.Concat(weightFiles.Select(f => KeyValuePair.Create(f.FileName, f))).ToDictionary(StringComparer.Ordinal);
        return new Planned(experiment, seeds, dataset.Origin == DataOrigin.Fixture, description, files);
    }

    /// <summary>
    /// Reuses every verified record in the run cache and trains every family that has runs without
    /// one; returns the record of each run, and the failure message of each family that failed.
    /// </summary>
    private (Dictionary<string, RunRecord> Records, Dictionary<string, string> Failures) Train(IReadOnlyList<TrainingRun> runs, CancellationToken stop)
    {
        var records = new Dictionary<string, RunRecord>();
        foreach (var run in runs.DistinctBy(r => r.Key))
        {
            if (cache.Find(run.Key, out var rejection) is { } record) records[run.Key] = record;
            else if (rejection is not null) observer.CachedRunRejected(run, rejection);
        }

        var all = Families(runs);
        var shards = settings.Shard is { } shard ? ShardSplit.Assign(all, shard.Count) : null;
        var families = all.Where((_, i) => shards is null || shards[i] == settings.Shard!.Number)
            .Select(f => (Members: f, Needed: f.Where(r => !records.ContainsKey(r.Key)).ToList()))
            .ToList();
        foreach (var (members, needed) in families.Where(f => f.Needed.Count == 0))
        {
            observer.TrainingFinished(members[0], reused: true);
        }

        var failures = new Dictionary<string, string>();
        var toTrain = families.Where(f => f.Needed.Count > 0).ToList();
        var next = -1;
        void Worker()
        {
            for (var i = Interlocked.Increment(ref next); i < toTrain.Count && !stop.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                var needed = toTrain[i].Needed;
                var longest = needed.MaxBy(r => r.Epochs)!;
                var epochs = needed.Select(r => r.Epochs).Distinct().Order().ToList();
                var progress = observer.TrainingStarted(longest, i + 1, toTrain.Count, epochs);
                try
                {
                    var trained = TrainOnce(longest, epochs, needed, progress, stop);
                    lock (records)
                    {
                        foreach (var record in trained)
                        {
                            cache.Store(record);
                            records[record.Key] = record;
                        }
                    }

                    observer.TrainingFinished(longest, reused: false);
                }
                catch (Exception e) when (e is DatasetException or Torch.TorchException or InvalidOperationException or ArgumentException or IOException or InvalidDataException
                                              or UnauthorizedAccessException)
                {
                    lock (failures) failures[longest.FamilyKey] = $"{longest.Describe}: {e.Message}";
                }

                // The training has its outcome (numbers or a failure that would only repeat): its checkpoint has served.
                if (!settings.KeepCheckpoints) checkpoints.Delete(longest);
            }
        }

        var jobs = Math.Clamp(settings.Device.type == DeviceType.CPU ? settings.Jobs : 1, 1, Math.Max(1, toTrain.Count));
        if (jobs == 1) Worker();
        else RunSideBySide(jobs, Worker);
        stop.ThrowIfCancellationRequested();
        return (records, failures);
    }

    /// <summary>
    /// Runs <paramref name="worker"/> on <paramref name="jobs"/> threads of their own (trainings last minutes to hours)
    /// and rethrows the first exception one of them ended with; a cancelled training ends only its worker.
    /// </summary>
    private static void RunSideBySide(int jobs, Action worker)
    {
        var errors = new Exception?[jobs];
        var threads = Enumerable.Range(0, jobs).Select(j => new Thread(() =>
        {
            try
            {
                worker();
            }
            catch (Exception e)
            {
                errors[j] = e;
            }
        }) { Name = $"training {j + 1}", IsBackground = true }).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        if (errors.FirstOrDefault(e => e is not null and not OperationCanceledException) is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    private IReadOnlyList<RunRecord> TrainOnce(TrainingRun longest, IReadOnlyList<int> epochs, IReadOnlyList<TrainingRun> needed, ITrainingObserver progress, CancellationToken stop)
    {
        var experiment = longest.Experiment;
        ExperimentDataset dataset;
        lock (loading) dataset = data.Load(experiment.Data, experiment.InputShape, settings.Profile.Slice(), fixtureWhenMissing: settings.Profile == RunProfile.Smoke);
        using var _ = dataset;
        var (hostTrain, hostEvaluation, owned) = Parts(experiment, dataset, longest.Fold);
        var test = dataset.Test?.To(settings.Device);
        var train = hostTrain.To(settings.Device);
        var evaluation = ReferenceEquals(hostEvaluation, dataset.Test) ? test! : hostEvaluation.To(settings.Device);
        try
        {
            var clock = Stopwatch.StartNew();
            var outcome = KerasFit.Run(experiment, train, test, evaluation, longest.RunSeed, progress, epochs, Checkpointing(longest, stop), pretrained[longest.Key]);
            using var model = outcome.Model;
            var evaluatedAt = clock.Elapsed.TotalSeconds;
            var size = new ModelSize(model.ParameterCount, model.LargestFanIn);
            return outcome.Snapshots.SelectMany(snapshot => needed.Where(r => r.Key == longest.Key ? snapshot == outcome.Final : r.Epochs == snapshot.Epoch)
                .Select(r => Record(r, longest, snapshot, outcome, dataset.ClassCount, size,
                    r.Key == longest.Key ? evaluatedAt : snapshot.History.Sum(h => h.Seconds))))
                .ToList();
        }
        finally
        {
            foreach (var part in owned.Concat([train, evaluation]).Append(test).OfType<LabelledImages>().Distinct()) part.Dispose();
        }
    }

    /// <summary>
    /// Checkpoints for a training on the CPU, resuming from a verified one when there is one. None on
    /// other devices: dropout there draws from the device's own generator, which a checkpoint does not hold.
    /// </summary>
    private Checkpointing? Checkpointing(TrainingRun run, CancellationToken stop)
    {
        if (settings.Device.type != DeviceType.CPU) return null;
        var resumeFrom = checkpoints.Find(run, settings.Engine.Id, out var rejection);
        if (rejection is not null) observer.CheckpointRejected(run, rejection);
        if (resumeFrom is not null) observer.TrainingResumed(run, resumeFrom.Epoch);
        return new Checkpointing(resumeFrom, checkpoint => checkpoints.Save(run, settings.Engine.Id, checkpoint), stop);
    }

    /// <summary>The rows fit() trains on and evaluate() scores, for a hold-out run or one fold.</summary>
    private static (LabelledImages Train, LabelledImages Evaluation, LabelledImages[] Owned) Parts(Experiment experiment, ExperimentDataset dataset, int? fold)
    {
        if (experiment.Protocol is not CrossValidation cv)
        {
            return (dataset.Train, dataset.Test ?? throw new InvalidOperationException($"{experiment.Id}: a hold-out run needs a test part, but its data split has none."), []);
        }

        var n = (int)dataset.Train.Count;
        var folds = cv.Shuffle
            ? SklearnSplits.KFold(n, cv.Folds, cv.RandomState ?? throw new InvalidOperationException($"{experiment.Id}: a shuffled KFold needs its random_state in the definition."))
            : SklearnSplits.KFold(n, cv.Folds);
        var (trainRows, heldOutRows) = folds[fold!.Value];
        var train = dataset.Train.Select(trainRows);
        var heldOut = dataset.Train.Select(heldOutRows);
        var evaluation = cv.Scoring == FoldScoring.HeldOutFold
            ? heldOut
            : dataset.Test ?? throw new InvalidOperationException($"{experiment.Id}: folds are scored on the test set, but the data split has none.");
        return (train, evaluation, [train, heldOut]);
    }

    private static RunRecord Record(TrainingRun run, TrainingRun trainedBy, KerasFit.Snapshot snapshot, KerasFit.Outcome outcome, int classes, ModelSize size, double seconds)
    {
        var scores = ClassificationScores.From(snapshot.Evaluation.Labels, snapshot.Evaluation.Predictions, classes);
        return new RunRecord
        {
            Key = run.Key,
            FirstRequestedBy = run.Experiment.Id,
            Fold = run.Fold,
            Seed = run.Seed,
            RunSeed = run.RunSeed,
            Epochs = snapshot.Epoch,
            TrainedBy = trainedBy.Key,
            EvaluationLoss = snapshot.Evaluation.Loss,
            EvaluationAccuracy = scores.Accuracy,
            MacroPrecision = scores.MacroPrecision,
            MacroRecall = scores.MacroRecall,
            MacroF1 = scores.MacroF1,
            ConfusionMatrix = scores.Confusion,
            History = snapshot.History,
            BestEpoch = snapshot.BestEpoch,
            TrainExamples = outcome.TrainCount,
            ValidationExamples = outcome.ValidationCount,
            EvaluationExamples = snapshot.Evaluation.Labels.Length,
            Parameters = size.Parameters,
            LargestFanIn = size.LargestFanIn,
            StepLosses = snapshot.FirstSteps,
            Seconds = Math.Round(seconds, 3),
        };
    }

    private CompletedExperiment Assemble(Planned plan, IReadOnlyDictionary<string, RunRecord> records)
    {
        var seeds = plan.Seeds.Select(s =>
        {
            var runs = s.Runs.Select(r => records[r.Key]).ToList();
            return new SeedRuns(s.Seed, runs, SeedMetricValues.Of(plan.Experiment, runs));
        }).ToList();
        return new CompletedExperiment(plan.Experiment, settings.Profile, plan.Fixture, plan.Description, seeds, plan.Files,
            seeds.SelectMany(s => s.Runs).Sum(r => r.Seconds));
    }
}

/// <summary>What a run record says of the trained model; the same for every record of one training, so read from it once.</summary>
internal sealed record ModelSize(long Parameters, long LargestFanIn);
