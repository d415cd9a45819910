namespace Repro.Reproduction.Gate;

/// <summary>The per-metric verdicts of one experiment against its baseline, and how the engines differed.</summary>
/// <param name="EngineDifferences">"field: baseline → result" for each fingerprint field that differs; empty in exact mode.</param>
public sealed record GateReport(string Experiment, GateMode Mode, IReadOnlyList<MetricCheck> Checks, IReadOnlyList<string> EngineDifferences)
{
    /// <summary>True when every metric passed. A report with no metrics gates nothing and does not pass.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(m => m.Passed);

    /// <summary>"3 metric(s), exact (same platform)" or "4 metric(s), statistical (another platform: blas, cpu_capability)".</summary>
    public string Headline =>
        $"{Checks.Count} metric(s), " + (Mode == GateMode.Exact
            ? "exact (same platform)"
            : $"{Mode.ToString().ToLowerInvariant()} (another platform: {string.Join(", ", EngineDifferences.Select(d => d.Split(':')[0]))})");

    /// <summary>One "BREACH ..." line per breached metric, in gated order.</summary>
    public IReadOnlyList<string> BreachLines => Checks.Where(m => !m.Passed).Select(m => m.BreachLine(Experiment)!).ToList();

    public IReadOnlyList<string> EngineLines => EngineDifferences.Select(d => $"engine differs from the baseline's: {d}").ToList();
}
