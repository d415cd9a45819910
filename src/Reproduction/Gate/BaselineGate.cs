using System.Text;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Compares an experiment's result with its verified baseline. A metric passes when
/// |received − value| &lt;= tolerance; anything the gate cannot establish (no baseline, no result,
/// a missing metric, a malformed file) is a failure, never a pass.
/// </summary>
public static class BaselineGate
{
    /// <summary>Checks every metric of <paramref name="baseline"/>, in ordinal name order.
    /// A metric absent from <paramref name="received"/> is a breach; extra received metrics are ignored.</summary>
    public static GateReport Check(Baseline baseline, IReadOnlyDictionary<string, double> received)
    {
        var checks = baseline.Metrics
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m =>
            {
                double? value = received.TryGetValue(m.Key, out var r) ? r : null;
                return new MetricCheck(m.Key, m.Value.Value, m.Value.Tolerance, value, value is { } v && Within(m.Value, v));
            })
            .ToList();
        return new GateReport(baseline.Experiment, checks);
    }

    /// <summary>
    /// The whole gate for one experiment, as the regression tests call it: reads the result file,
    /// checks it against baselines/&lt;id&gt;.verified.json, and keeps the received file in step:
    /// written (received values, verified tolerances and bands text) on any failure that has
    /// numbers to show, deleted on a pass.
    /// </summary>
    /// <param name="baselinesDir">The folder of *.verified.json files.</param>
    /// <param name="experimentId">The experiment id (the file name stem).</param>
    /// <param name="resultJsonPath">artifacts/results/&lt;id&gt;/result.json.</param>
    /// <param name="defaultTolerances">Gated metrics and their tolerances when no baseline exists yet.</param>
    /// <param name="defaultBandsText">The bands prose for a first received file.</param>
    /// <param name="profile">The profile the result was produced with; must match the baseline's.</param>
    /// <param name="device">The device the result was produced on; must match the baseline's.</param>
    public static GateOutcome Run(
        string baselinesDir,
        string experimentId,
        string resultJsonPath,
        IReadOnlyDictionary<string, double> defaultTolerances,
        string defaultBandsText,
        string profile,
        string device)
    {
        foreach (var (name, tolerance) in defaultTolerances)
        {
            if (!(tolerance >= 0) || !double.IsFinite(tolerance))
            {
                throw new ArgumentException($"Default tolerance for '{name}' must be finite and >= 0, got {tolerance}.", nameof(defaultTolerances));
            }
        }

        var snapshots = new Snapshots(baselinesDir, experimentId);
        if (!ResultMetrics.TryRead(resultJsonPath, experimentId, out var received, out var resultError))
        {
            return new GateOutcome(experimentId, false, resultError, null, null);
        }

        if (!snapshots.HasVerified)
        {
            return FirstRun(snapshots, received, defaultTolerances, defaultBandsText, profile, device);
        }

        Baseline baseline;
        try
        {
            baseline = snapshots.LoadVerified();
        }
        catch (BaselineException e)
        {
            return new GateOutcome(experimentId, false, $"FAIL {experimentId}: {e.Message}", null, null);
        }

        var report = Check(baseline, received);
        var mismatches = Mismatches(baseline, profile, device);
        if (report.Passed && mismatches.Count == 0)
        {
            snapshots.DeleteReceived();
            var passLines = report.Metrics.Select(m => $"  {m.Name}: received {BandFormat.Number(m.Received!.Value)} within {m.Describe()}");
            return new GateOutcome(
                experimentId,
                true,
                $"PASS {experimentId}: {report.Metrics.Count} metric(s) within their bands\n{string.Join('\n', passLines)}",
                report,
                null);
        }

        var written = snapshots.WriteReceived(received, baseline, defaultTolerances, defaultBandsText, profile, device);
        var message = new StringBuilder();
        foreach (var line in mismatches.Concat(report.BreachLines))
        {
            message.Append(line).Append('\n');
        }

        message.Append(written is null
            ? $"The result has none of the gated metrics, so no received file was written. Check {snapshots.VerifiedPath} against the result's \"metrics\"."
            : $"Received values written to {snapshots.ReceivedPath}. If the change is intended, review its diff against {snapshots.VerifiedPath} and run ./build.sh Accept.");
        return new GateOutcome(experimentId, false, message.ToString(), report, written is null ? null : snapshots.ReceivedPath);
    }

    // Decimal values such as 0.8845 and 0.01 are not exact in binary: 0.8945 − 0.8845 comes out a
    // few ulps above 0.01. The slack lets a value exactly on the written band edge pass, as the
    // "<=" in the file promises, while staying far below any meaningful metric difference.
    private static bool Within(MetricBand band, double received) =>
        double.IsFinite(received)
        && Math.Abs(received - band.Value) <= band.Tolerance + (1e-12 * Math.Max(1.0, Math.Abs(band.Value)));

    private static GateOutcome FirstRun(
        Snapshots snapshots,
        IReadOnlyDictionary<string, double> received,
        IReadOnlyDictionary<string, double> defaultTolerances,
        string defaultBandsText,
        string profile,
        string device)
    {
        var id = snapshots.ExperimentId;
        if (defaultTolerances.Count == 0)
        {
            return new GateOutcome(id, false, $"FAIL {id}: no verified baseline yet at {snapshots.VerifiedPath}, and no default tolerances were given, so there is nothing to write for review.", null, null);
        }

        var written = snapshots.WriteReceived(received, null, defaultTolerances, defaultBandsText, profile, device);
        var missing = defaultTolerances.Keys.Where(k => !received.TryGetValue(k, out var v) || !double.IsFinite(v)).Order(StringComparer.Ordinal).ToList();
        var message = new StringBuilder(written is null
            ? $"FAIL {id}: no verified baseline yet, and the result has none of the metrics to gate ({string.Join(", ", missing)}), so no received file was written."
            : $"FAIL {id}: no verified baseline yet; review {snapshots.ReceivedPath} and run ./build.sh Accept.");
        if (written is not null && missing.Count > 0)
        {
            message.Append($"\nThe result lacks {string.Join(", ", missing)}; they are left out of the received file.");
        }

        return new GateOutcome(id, false, message.ToString(), null, written is null ? null : snapshots.ReceivedPath);
    }

    // Numbers from another profile or device are not comparable with the baseline's bands.
    private static List<string> Mismatches(Baseline baseline, string profile, string device)
    {
        var lines = new List<string>();
        if (!string.Equals(baseline.Profile, profile, StringComparison.Ordinal))
        {
            lines.Add($"BREACH {baseline.Experiment} profile: baseline was made with profile '{baseline.Profile}', this run used '{profile}'; the numbers are not comparable");
        }

        if (!string.Equals(baseline.Device, device, StringComparison.Ordinal))
        {
            lines.Add($"BREACH {baseline.Experiment} device: baseline was made on '{baseline.Device}', this run used '{device}'; the bands do not cover another device");
        }

        return lines;
    }
}
