using System.Globalization;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Bands from measured seed-to-seed spread: 3 sample standard deviations, rounded up to two
/// significant digits, and the prose that says so for each metric.
/// </summary>
internal static class SpreadBands
{
    public const double Multiple = 3;

    public static double Tolerance(double standardDeviation)
    {
        var raw = Multiple * standardDeviation;
        if (!(raw > 0)) return 0;
        var exponent = (int)Math.Floor(Math.Log10(raw)) - 1;
        var unit = Math.Pow(10, exponent);
        // Rounded to the unit's decimals so the file shows 0.0018, not 0.0018000000000000002.
        return Math.Round(Math.Ceiling((raw / unit) - 1e-9) * unit, Math.Clamp(-exponent, 0, 15));
    }

    public static string Describe(IReadOnlyDictionary<string, ResultMetrics.Spread> used, IReadOnlyList<ulong> seeds, string device)
    {
        var perMetric = used.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            $"{p.Key} sd {Format(p.Value.StandardDeviation)} (range {Format(p.Value.Min)}..{Format(p.Value.Max)})");
        return $"tolerance = {Multiple:0} × sample standard deviation (ddof 1) over {seeds.Count} seeds ({string.Join(", ", seeds)}), rounded up to 2 significant digits; " +
               $"measured on {device} with this profile; values are the first seed's, which the gate re-runs. Spread: {string.Join("; ", perMetric)}.";
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
