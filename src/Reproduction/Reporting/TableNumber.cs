using System.Globalization;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// Numbers as the reproduction table prints them, so that the table reads the same in every culture
/// and diffs cleanly: values with at least four decimals (what the reports print) and at most six,
/// whole numbers such as epochs_ran without any; test statistics to two decimals; p-values to two
/// significant digits, more where two would round across the significance level.
/// </summary>
internal static class TableNumber
{
    public static string Format(double value) =>
        value.ToString(IsWhole(value) ? "0" : "0.0000##", CultureInfo.InvariantCulture);

    /// <summary>"0.8821 ± 0.0031 (10)": mean ± sample sd (count); one draw has no sd to show.</summary>
    public static string MeanAndSpread(Sample sample) =>
        sample.Count < 2 ? $"{Format(sample.Mean)} ({sample.Count})" : $"{Format(sample.Mean)} ± {Format(sample.StandardDeviation)} ({sample.Count})";

    /// <summary>A t or F statistic.</summary>
    public static string Statistic(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Welch–Satterthwaite degrees of freedom are rarely whole: one decimal.</summary>
    public static string DegreesOfFreedom(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Two significant digits, or as many more as it takes for the text to lie on the same side of
    /// <paramref name="alpha"/> as the value (0.0496 is "0.0496", not a "0.05" beside "inconsistent").
    /// </summary>
    public static string PValue(double p, double alpha)
    {
        for (var digits = 2; digits < 6; digits++)
        {
            var text = p.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (double.Parse(text, CultureInfo.InvariantCulture) < alpha == p < alpha) return text;
        }

        return p.ToString("G6", CultureInfo.InvariantCulture);
    }

    private static bool IsWhole(double value) => double.IsFinite(value) && value == Math.Round(value);
}
