using Repro.Experiments;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Runs;

/// <summary>What became of one requested experiment.</summary>
public abstract record ExperimentOutcome(Experiment Experiment);

/// <summary>Trained (or served from the run cache): the runs of every seed, in seed order.</summary>
public sealed record CompletedExperiment(Experiment Experiment, RunProfile Profile, bool FixtureData, string DataDescription,
    IReadOnlyList<SeedRuns> Seeds, IReadOnlyDictionary<string, ResolvedFile> DataFiles, double WallSeconds) : ExperimentOutcome(Experiment);

/// <summary>Could not run here, and why (data missing, weights missing); not a failure of the code.</summary>
public sealed record NotRunExperiment(Experiment Experiment, string Reason) : ExperimentOutcome(Experiment);

/// <summary>Started and failed; the message says what went wrong.</summary>
public sealed record FailedExperiment(Experiment Experiment, string Message) : ExperimentOutcome(Experiment);

/// <summary>One seed's runs (one, or one per fold) and the metric values they give, by metric name.</summary>
public sealed record SeedRuns(ulong Seed, IReadOnlyList<RunRecord> Runs, IReadOnlyDictionary<string, double> MetricValues);
