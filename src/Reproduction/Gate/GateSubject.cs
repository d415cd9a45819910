namespace Repro.Reproduction.Gate;

/// <summary>
/// What is being gated: an experiment as the registry defines it now (id, version, definition
/// hash and the names of the metrics its protocol gates), and the profile and device class whose baseline applies.
/// </summary>
public sealed record GateSubject(string ExperimentId, int Version, string DefinitionHash, string Profile, string Device, IReadOnlyList<string> MetricNames)
{
    public static GateSubject Of(Experiments.Experiment experiment, string profile, string device) =>
        new(experiment.Id, experiment.Version, Runs.CanonicalDefinition.Hash(experiment), profile, device, GatedMetricNames.For(experiment, profile));
}
