using System.Globalization;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Number formatting for gate messages. Band arithmetic for display is done in decimal so that
/// 0.8845 − 0.01 prints as 0.8745 rather than 0.8745000000000001. Values and bands show four
/// decimals, which is what a reader compares; only the distance outside the band shows more,
/// so a near-edge breach is never shown as "0.0000 outside".
/// </summary>
internal static class BandFormat
{
    // Above this a double has no meaningful decimals and the decimal conversion could overflow.
    private const double DecimalLimit = 1e15;

    public static string Number(double value) =>
        TryDecimal(value, out var d) ? Number(d) : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Range(MetricBand band) =>
        TryDecimal(band.Value, out var v) && TryDecimal(band.Tolerance, out var t)
            ? $"{Number(v - t)}..{Number(v + t)}"
            : $"{Number(band.Low)}..{Number(band.High)}";

    /// <summary>
    /// A received value: four decimals, or full precision when the rounded value would look as if
    /// it lay inside the band it breaches.
    /// </summary>
    public static string Received(MetricBand band, double received)
    {
        var rounded = Math.Round(received, 4);
        var looksInside = rounded >= band.Low && rounded <= band.High && !(received >= band.Low && received <= band.High);
        return looksInside && TryDecimal(received, out var r)
            ? r.ToString(PreciseFormat, CultureInfo.InvariantCulture)
            : Number(received);
    }

    /// <summary>How far <paramref name="received"/> lies outside the band (0 inside it).</summary>
    public static string Outside(MetricBand band, double received)
    {
        if (TryDecimal(band.Value, out var v) && TryDecimal(band.Tolerance, out var t) && TryDecimal(received, out var r))
        {
            return Math.Max(0m, Math.Max(v - t - r, r - (v + t))).ToString(PreciseFormat, CultureInfo.InvariantCulture);
        }

        return Math.Max(0, Math.Max(band.Low - received, received - band.High)).ToString(PreciseFormat, CultureInfo.InvariantCulture);
    }

    private const string PreciseFormat = "0.0000##########";

    private static string Number(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static bool TryDecimal(double value, out decimal result)
    {
        if (double.IsFinite(value) && Math.Abs(value) < DecimalLimit)
        {
            // Rounds to 15 significant digits, which drops the binary noise of decimal literals.
            result = (decimal)value;
            return true;
        }

        result = 0;
        return false;
    }
}
