namespace Repro.Reproduction.Reporting;

/// <summary>One metric over the seeds that measured it: the mean, and the sample standard deviation (ddof 1) when two or more ran.</summary>
internal sealed record SeedSummary(double Mean, double StandardDeviation, int Seeds)
{
    /// <summary>Null when no seed measured <paramref name="metric"/>.</summary>
    public static SeedSummary? Of(RecordedResult result, string metric)
    {
        var values = result.SeedMetrics
            .Select(seed => seed.TryGetValue(metric, out var value) ? value : (double?)null)
            .OfType<double>()
            .ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var mean = values.Average();
        var sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new SeedSummary(mean, sd, values.Count);
    }

    public override string ToString() =>
        Seeds < 2
            ? TableNumber.Format(Mean)
            : $"{TableNumber.Format(Mean)} ± {TableNumber.Format(StandardDeviation)} ({Seeds} seeds)";
}
