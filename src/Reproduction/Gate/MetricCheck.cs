using System.Globalization;

namespace Repro.Reproduction.Gate;

/// <summary>The gate's verdict on one metric.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Mode">How it was compared.</param>
/// <param name="Expected">What the baseline allows, in words ("0.8875 exactly", "in [0.8771, 0.8979] (α 0.00042, n 10)").</param>
/// <param name="Received">What the result holds, in words; "missing" when it lacks the metric.</param>
/// <param name="Passed">Whether the received value is allowed.</param>
/// <param name="Excess">How far outside, in words, when it did not pass.</param>
public sealed record MetricCheck(string Name, GateMode Mode, string Expected, string Received, bool Passed, string? Excess = null)
{
    /// <summary>"BREACH 003-lenet5 test_accuracy (statistical): allowed in [..], received 0.8612 (0.0159 below)"; null when it passed.</summary>
    public string? BreachLine(string experiment) =>
        Passed ? null : $"BREACH {experiment} {Name} ({Mode.ToString().ToLowerInvariant()}): allowed {Expected}, received {Received}{(Excess is null ? "" : $" ({Excess})")}";

    internal static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("0.######", CultureInfo.InvariantCulture) is var s && double.Parse(s, CultureInfo.InvariantCulture) == value
            ? s : value.ToString("R", CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);
}
