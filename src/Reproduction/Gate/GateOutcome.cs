namespace Repro.Reproduction.Gate;

/// <summary>The result of <see cref="BaselineGate.Run"/>: whether the experiment may pass, and a message for the CI log.</summary>
/// <param name="ExperimentId">The gated experiment.</param>
/// <param name="Passed">True only when a verified baseline exists and every metric in it is within its band.</param>
/// <param name="Message">What happened and what to do, multi-line; suitable as an assertion message.</param>
/// <param name="Report">The per-metric verdicts, when a baseline and a result could both be read.</param>
/// <param name="ReceivedPath">The received file written for review, or null when none was written.</param>
public sealed record GateOutcome(string ExperimentId, bool Passed, string Message, GateReport? Report, string? ReceivedPath)
{
    /// <summary>True when the experiment was not checked because its result is not required and none is present (neither passed nor failed).</summary>
    public bool NotRun { get; init; }

    public override string ToString() => Message;
}
