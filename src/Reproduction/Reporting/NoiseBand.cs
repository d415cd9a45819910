using Repro.Experiments;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// How far a reproduced number may lie from a printed one and still count as reproduced: the
/// report's own run-to-run noise for the metric, widened by half a unit of the last printed decimal
/// when the report rounded (a printed 0.880 stands for anything in 0.8795..0.8805).
/// Kept in decimal so that the band prints as written (±0.0067, not ±0.006699999…).
/// </summary>
internal sealed record NoiseBand(decimal Noise, decimal Rounding)
{
    public double Width => (double)(Noise + Rounding);

    /// <summary>Null when the report gives no noise band for the number's metric.</summary>
    public static NoiseBand? For(ReportDefinition report, ReportedNumber number) =>
        report.Noise.TryGetValue(number.Metric, out var noise)
            ? new NoiseBand((decimal)noise, number.Decimals is { } decimals ? HalfUnit(decimals) : 0m)
            : null;

    public override string ToString() =>
        Rounding == 0m
            ? $"±{TableNumber.Band(Noise)}"
            : $"±{TableNumber.Band(Noise)} (+{TableNumber.Band(Rounding)} rounding)";

    // 5 × 10^-(decimals + 1) = 0.5 × 10^-decimals, exactly.
    private static decimal HalfUnit(int decimals) => new(5, 0, 0, isNegative: false, scale: (byte)(decimals + 1));
}
