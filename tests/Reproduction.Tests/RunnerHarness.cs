using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Tests;

/// <summary>Runs experiments with the full profile on the CPU, offline, with the run cache in <c>cacheFolder</c>.</summary>
internal static class RunnerHarness
{
    public static (IReadOnlyList<ExperimentOutcome> Outcomes, CountingObserver Observer) Run(string cacheFolder, int seeds, params Experiment[] experiments) =>
        Run(cacheFolder, seeds, keepCheckpoints: false, experiments);

    /// <summary>As above; the checkpoints are in <c>cacheFolder/checkpoints</c>; up to <paramref name="jobs"/> trainings side by side.</summary>
    public static (IReadOnlyList<ExperimentOutcome> Outcomes, CountingObserver Observer) Run(string cacheFolder, int seeds, bool keepCheckpoints, params Experiment[] experiments) =>
        Run(cacheFolder, seeds, keepCheckpoints, jobs: 1, experiments);

    public static (IReadOnlyList<ExperimentOutcome> Outcomes, CountingObserver Observer) Run(string cacheFolder, int seeds, bool keepCheckpoints, int jobs, params Experiment[] experiments) =>
        Run(cacheFolder, seeds, keepCheckpoints, RunProfile.Full, new PretrainedWeightFiles(DatasetStore.Default().WithOffline(true)), jobs, experiments);

    /// <summary>As above, with the profile and where the pretrained weight files are found.</summary>
    public static (IReadOnlyList<ExperimentOutcome> Outcomes, CountingObserver Observer) Run(string cacheFolder, int seeds, bool keepCheckpoints, RunProfile profile,
        PretrainedWeightFiles weights, params Experiment[] experiments) =>
        Run(cacheFolder, seeds, keepCheckpoints, profile, weights, jobs: 1, experiments);

    /// <summary>One seed, training only <paramref name="shard"/>'s part of the batch.</summary>
    public static (IReadOnlyList<ExperimentOutcome> Outcomes, CountingObserver Observer) Run(string cacheFolder, Shard shard, params Experiment[] experiments) =>
        Run(cacheFolder, 1, keepCheckpoints: false, RunProfile.Full, new PretrainedWeightFiles(DatasetStore.Default().WithOffline(true)), jobs: 1, experiments, shard);

    private static (IReadOnlyList<ExperimentOutcome> Outcomes, CountingObserver Observer) Run(string cacheFolder, int seeds, bool keepCheckpoints, RunProfile profile,
        PretrainedWeightFiles weights, int jobs, Experiment[] experiments, Shard? shard = null)
    {
        var observer = new CountingObserver();
        var runner = new ExperimentRunner(new ExperimentDataLoader(DatasetStore.Default().WithOffline(true)), weights, new RunCache(cacheFolder),
            new CheckpointStore(Path.Combine(cacheFolder, "checkpoints")),
            new ExperimentRunner.Settings(profile, seeds, null, EngineFingerprint.Current("cpu"), Repro.Torch.torch.CPU, keepCheckpoints, jobs, shard),
            observer);
        return (runner.Run(experiments), observer);
    }

    /// <summary>The metrics of the first seed of a completed experiment.</summary>
    public static IReadOnlyDictionary<string, double> FirstSeedMetricValues(ExperimentOutcome outcome) =>
        ((CompletedExperiment)outcome).Seeds[0].MetricValues;
}
