namespace Repro.Reproduction.Gate;

/// <summary>
/// What is being gated: an experiment as the registry defines it now (id, version, definition
/// hash and the names of the metrics its protocol gates), and the profile and device class whose baseline applies.
/// </summary>
/// <param name="ResultRequired">Whether a missing result fails the gate: every smoke run and the full runs of the CPU test
/// budget are trained by every `./build.sh Test`; a longer full run is gated whenever its result is present.</param>
public sealed record GateSubject(string ExperimentId, int Version, string DefinitionHash, string Profile, string Device, IReadOnlyList<string> MetricNames,
    bool ResultRequired = true)
{
    public static GateSubject Of(Experiments.Experiment experiment, string profile, string device) =>
        new(experiment.Id, experiment.Version, Runs.CanonicalDefinition.Hash(experiment), profile, device, GatedMetricNames.For(experiment, profile),
            ResultRequired: profile == "smoke" || experiment.InCpuTestBudget);
}
