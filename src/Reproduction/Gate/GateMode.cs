namespace Repro.Reproduction.Gate;

/// <summary>
/// How the gate compares: on the baseline's own engine, exactly (any change of behaviour, however
/// small, is a change of bits); on another engine, statistically (a full run against its
/// prediction interval) or within the float32 rounding another engine can cause (a smoke run).
/// </summary>
public enum GateMode { Exact, Statistical, Rounding }
