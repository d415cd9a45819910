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
    /// checks that it and the verified baseline were made from the experiment as it is defined now
    /// (version and definition hash), checks every metric against its band, and keeps the received
    /// file in step: written on any failure that has numbers to show, deleted on a pass.
    /// </summary>
    /// <param name="baselinesDir">The folder of *.verified.json files for the subject's device class and profile.</param>
    /// <param name="resultJsonPath">The result file of the subject's profile and device.</param>
    /// <param name="defaultTolerances">Gated metrics and their tolerances when no baseline exists yet and no spread was measured.</param>
    /// <param name="defaultBandsText">The bands prose for a first received file without measured spread.</param>
    /// <param name="subject">The experiment as registered now, and the profile and device class.</param>
    public static GateOutcome Run(
        string baselinesDir,
        string resultJsonPath,
        IReadOnlyDictionary<string, double> defaultTolerances,
        string defaultBandsText,
        GateSubject subject)
    {
        foreach (var (name, tolerance) in defaultTolerances)
        {
            if (!(tolerance >= 0) || !double.IsFinite(tolerance))
            {
                throw new ArgumentException($"Default tolerance for '{name}' must be finite and >= 0, got {tolerance}.", nameof(defaultTolerances));
            }
        }

        var id = subject.ExperimentId;
        var snapshots = new Snapshots(baselinesDir, id);
        if (!ResultMetrics.TryRead(resultJsonPath, id, out var received, out var resultError))
        {
            return new GateOutcome(id, false, resultError, null, null);
        }

        if (Stale(received, subject) is { } stale)
        {
            return new GateOutcome(id, false, stale, null, null);
        }

        if (!snapshots.HasVerified)
        {
            return FirstRun(snapshots, received, defaultTolerances, defaultBandsText, subject);
        }

        Baseline baseline;
        try
        {
            baseline = snapshots.LoadVerified();
        }
        catch (BaselineException e)
        {
            return new GateOutcome(id, false, $"FAIL {id}: {e.Message}", null, null);
        }

        if (baseline.Version != subject.Version)
        {
            var written = snapshots.WriteReceived(received, null, defaultTolerances, defaultBandsText, subject);
            return new GateOutcome(id, false,
                $"FAIL {id}: the baseline was recorded for version {baseline.Version}, the experiment is now version {subject.Version}. " +
                "A version bump says the results are expected to change, so the old numbers are not compared. " +
                (written is null ? "The result has none of the gated metrics." : $"Review {snapshots.ReceivedPath} (ideally made with --seeds 3 or more) and run ./build.sh Accept to record the new baseline."),
                null, written is null ? null : snapshots.ReceivedPath);
        }

        if (baseline.DefinitionHash != subject.DefinitionHash)
        {
            return new GateOutcome(id, false,
                $"FAIL {id}: the definition changed without a version bump: the baseline was made from definition {baseline.DefinitionHash} (version {baseline.Version}), " +
                $"the experiment now hashes to {subject.DefinitionHash}. A change to data, protocol, model, training or seed changes the results: " +
                $"bump Version in the experiment's definition (src/Experiments/Definitions), re-run it and accept a new baseline.",
                null, null);
        }

        var report = Check(baseline, received.Metrics);
        var mismatches = Mismatches(baseline, subject);
        if (report.Passed && mismatches.Count == 0)
        {
            snapshots.DeleteReceived();
            var passLines = report.Metrics.Select(m => $"  {m.Name}: received {BandFormat.Number(m.Received!.Value)} within {m.Describe()}");
            return new GateOutcome(
                id,
                true,
                $"PASS {id}: {report.Metrics.Count} metric(s) within their bands\n{string.Join('\n', passLines)}",
                report,
                null);
        }

        var receivedBaseline = snapshots.WriteReceived(received, baseline, defaultTolerances, defaultBandsText, subject);
        var message = new StringBuilder();
        foreach (var line in mismatches.Concat(report.BreachLines))
        {
            message.Append(line).Append('\n');
        }

        message.Append(receivedBaseline is null
            ? $"The result has none of the gated metrics, so no received file was written. Check {snapshots.VerifiedPath} against the result's \"metrics\"."
            : $"Received values written to {snapshots.ReceivedPath}. If the change is intended, review its diff against {snapshots.VerifiedPath} and run ./build.sh Accept.");
        return new GateOutcome(id, false, message.ToString(), report, receivedBaseline is null ? null : snapshots.ReceivedPath);
    }

    /// <summary>A result made from another version or definition than the registry's is out of date: it must be re-run, not gated.</summary>
    private static string? Stale(ResultMetrics received, GateSubject subject)
    {
        if (received.Version is null && received.DefinitionHash is null) return null;
        return received.Version == subject.Version && received.DefinitionHash == subject.DefinitionHash
            ? null
            : $"FAIL {subject.ExperimentId}: the result was made from version {received.Version} (definition {received.DefinitionHash}), " +
              $"but the experiment is now version {subject.Version} (definition {subject.DefinitionHash}). " +
              $"Run ./build.sh Reproduce --experiment {subject.ExperimentId} --profile {subject.Profile} to bring it up to date.";
    }

    // Decimal values such as 0.8845 and 0.01 are not exact in binary: 0.8945 − 0.8845 comes out a
    // few ulps above 0.01. The slack lets a value exactly on the written band edge pass, as the
    // "<=" in the file promises, while staying far below any meaningful metric difference.
    private static bool Within(MetricBand band, double received) =>
        double.IsFinite(received)
        && Math.Abs(received - band.Value) <= band.Tolerance + (1e-12 * Math.Max(1.0, Math.Abs(band.Value)));

    private static GateOutcome FirstRun(
        Snapshots snapshots,
        ResultMetrics received,
        IReadOnlyDictionary<string, double> defaultTolerances,
        string defaultBandsText,
        GateSubject subject)
    {
        var id = snapshots.ExperimentId;
        if (defaultTolerances.Count == 0)
        {
            return new GateOutcome(id, false, $"FAIL {id}: no verified baseline yet at {snapshots.VerifiedPath}, and no default tolerances were given, so there is nothing to write for review.", null, null);
        }

        var written = snapshots.WriteReceived(received, null, defaultTolerances, defaultBandsText, subject);
        var missing = defaultTolerances.Keys.Where(k => !received.Metrics.TryGetValue(k, out var v) || !double.IsFinite(v)).Order(StringComparer.Ordinal).ToList();
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
    private static List<string> Mismatches(Baseline baseline, GateSubject subject)
    {
        var lines = new List<string>();
        if (!string.Equals(baseline.Profile, subject.Profile, StringComparison.Ordinal))
        {
            lines.Add($"BREACH {baseline.Experiment} profile: baseline was made with profile '{baseline.Profile}', this run used '{subject.Profile}'; the numbers are not comparable");
        }

        if (!string.Equals(baseline.Device, subject.Device, StringComparison.Ordinal))
        {
            lines.Add($"BREACH {baseline.Experiment} device: baseline was made on '{baseline.Device}', this run used '{subject.Device}'; the bands do not cover another device");
        }

        return lines;
    }
}
