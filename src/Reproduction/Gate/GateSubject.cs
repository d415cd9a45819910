namespace Repro.Reproduction.Gate;

/// <summary>
/// What is being gated: an experiment as the registry defines it now (id, version, definition
/// hash), and the profile and device class whose baseline applies.
/// </summary>
public sealed record GateSubject(string ExperimentId, int Version, string DefinitionHash, string Profile, string Device);
