namespace Repro.Reproduction.Statistics;

/// <summary>
/// Draws of one quantity (a metric over seeds, or a report's folds): mean, sample variance and
/// standard deviation with ddof 1 (the unbiased variance every test here assumes), count and range.
/// The one place Repro computes a spread; the reports' own np.std (ddof 0) over folds is a metric, not this.
/// </summary>
public sealed record Sample(IReadOnlyList<double> Values)
{
    public int Count => Values.Count;

    public double Mean => Values.Average();

    public double Variance
    {
        get
        {
            if (Count < 2) return 0;
            var mean = Mean;
            return Values.Sum(v => (v - mean) * (v - mean)) / (Count - 1);
        }
    }

    public double StandardDeviation => Math.Sqrt(Variance);

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>The fraction of draws below <paramref name="value"/>, ties counted half: where a number falls in this distribution, in percent.</summary>
    public double Percentile(double value) =>
        100.0 * Values.Sum(v => v < value ? 1.0 : v == value ? 0.5 : 0.0) / Count;
}
