namespace Repro.Reproduction.Gate;

/// <summary>The per-metric verdicts of one experiment against its baseline.</summary>
public sealed record GateReport(string Experiment, IReadOnlyList<MetricCheck> Metrics)
{
    /// <summary>True when every metric passed. A report with no metrics gates nothing and does not pass.</summary>
    public bool Passed => Metrics.Count > 0 && Metrics.All(m => m.Passed);

    public IReadOnlyList<MetricCheck> Breaches => Metrics.Where(m => !m.Passed).ToList();

    /// <summary>One "BREACH ..." line per breached metric, in metric-name order.</summary>
    public IReadOnlyList<string> BreachLines =>
        Metrics.Count == 0
            ? [$"BREACH {Experiment}: the baseline gates no metrics, which is never a pass"]
            : Breaches.Select(m => m.BreachLine(Experiment)!).ToList();
}
