using System.Globalization;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// Numbers as the reproduction table prints them: at least four decimals (what the reports print)
/// and at most six (enough to tell a near-edge miss from a hit), whole numbers such as epochs_ran
/// without any, so that the table reads the same in every culture and diffs cleanly.
/// </summary>
internal static class TableNumber
{
    public static string Format(double value) =>
        value.ToString(IsWhole(value) ? "0" : "0.0000##", CultureInfo.InvariantCulture);

    /// <summary>A difference, with its sign always shown.</summary>
    public static string Signed(double value) => value > 0 ? "+" + Format(value) : Format(value);

    /// <summary>How far outside its band a number lies, to two significant digits: never rounded to a misleading 0.0000.</summary>
    public static string Precise(double value) => value.ToString("G2", CultureInfo.InvariantCulture);

    /// <summary>A band width, as short as its exact decimal value allows (±0.035, +0.0005).</summary>
    public static string Band(decimal width) => width.ToString("0.############", CultureInfo.InvariantCulture);

    private static bool IsWhole(double value) => double.IsFinite(value) && value == Math.Round(value);
}
