namespace Repro.Reproduction.Gate;

/// <summary>The gate's verdict on one metric.</summary>
/// <param name="Name">The metric name, as in the baseline.</param>
/// <param name="BaselineValue">The verified value.</param>
/// <param name="Tolerance">The absolute tolerance around <paramref name="BaselineValue"/>.</param>
/// <param name="Received">The value in the result, or null when the result lacks the metric.</param>
/// <param name="Passed">|Received − BaselineValue| &lt;= Tolerance (a missing or non-finite value never passes).</param>
public sealed record MetricCheck(string Name, double BaselineValue, double Tolerance, double? Received, bool Passed)
{
    public MetricBand Band => new(BaselineValue, Tolerance);

    /// <summary>The CI-log line for a breached metric, e.g.
    /// <c>BREACH 003-lenet5 test_accuracy: baseline 0.8845 ± 0.0100 (0.8745..0.8945), received 0.8612 (0.0133 outside)</c>;
    /// null when the metric passed.</summary>
    public string? BreachLine(string experiment)
    {
        if (Passed)
        {
            return null;
        }

        var what = Received switch
        {
            null => "received nothing (the metric is missing from the result)",
            { } r when !double.IsFinite(r) => $"received {BandFormat.Number(r)} (not a finite number)",
            { } r => $"received {BandFormat.Received(Band, r)} ({BandFormat.Outside(Band, r)} outside)",
        };
        return $"BREACH {experiment} {Name}: baseline {Describe()}, {what}";
    }

    /// <summary>"0.8845 ± 0.0100 (0.8745..0.8945)".</summary>
    public string Describe() =>
        $"{BandFormat.Number(BaselineValue)} ± {BandFormat.Number(Tolerance)} ({BandFormat.Range(Band)})";
}
