namespace Repro.Reproduction.Gate;

/// <summary>
/// The Verify-style pair of files for one experiment: the committed &lt;id&gt;.verified.json and,
/// when a run disagrees with it (or it does not exist yet), a &lt;id&gt;.received.json beside it in
/// the same format, so that accepting a change is a file move and reviewing it is a diff.
/// </summary>
public sealed class Snapshots
{
    public Snapshots(string baselinesDir, string experimentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baselinesDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        if (experimentId.IndexOfAny(['/', '\\']) >= 0 || experimentId.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Experiment id '{experimentId}' must be a plain name, not a path.", nameof(experimentId));
        }

        BaselinesDir = baselinesDir;
        ExperimentId = experimentId;
        VerifiedPath = Path.Combine(baselinesDir, experimentId + Baseline.VerifiedSuffix);
        ReceivedPath = Path.Combine(baselinesDir, experimentId + Baseline.ReceivedSuffix);
    }

    public string BaselinesDir { get; }

    public string ExperimentId { get; }

    /// <summary>baselines/&lt;id&gt;.verified.json: the committed baseline.</summary>
    public string VerifiedPath { get; }

    /// <summary>baselines/&lt;id&gt;.received.json: the candidate awaiting review (git-ignored).</summary>
    public string ReceivedPath { get; }

    public bool HasVerified => File.Exists(VerifiedPath);

    /// <exception cref="BaselineException">The verified file is missing or malformed.</exception>
    public Baseline LoadVerified() => Baseline.Load(VerifiedPath);

    /// <summary>Writes <paramref name="received"/> as the received file.</summary>
    public void WriteReceived(Baseline received)
    {
        if (received.Experiment != ExperimentId)
        {
            throw new ArgumentException($"Received baseline is for '{received.Experiment}', not '{ExperimentId}'.", nameof(received));
        }

        received.Save(ReceivedPath);
    }

    /// <summary>
    /// Writes the received file for a result: the metrics gated by <paramref name="verified"/> (or,
    /// when there is none yet, those named in <paramref name="defaultTolerances"/>) with the
    /// received values. Each tolerance is 3 × the measured seed-to-seed standard deviation when
    /// the result ran several seeds, else the verified tolerance, else the default; the bands text
    /// says which. Metrics the run lacks, or got no finite value for, are left out, so accepting
    /// such a file visibly drops them in the diff.
    /// </summary>
    /// <returns>The baseline written, or null when the run has none of the gated metrics; then
    /// nothing is written and any older received file is deleted, as it no longer describes a run.</returns>
    internal Baseline? WriteReceived(
        ResultMetrics received,
        Baseline? verified,
        IReadOnlyDictionary<string, double> defaultTolerances,
        string defaultBandsText,
        GateSubject subject)
    {
        var tolerances = verified?.Metrics.ToDictionary(m => m.Key, m => m.Value.Tolerance, StringComparer.Ordinal)
                         ?? defaultTolerances.ToDictionary(StringComparer.Ordinal);
        var metrics = new SortedDictionary<string, MetricBand>(StringComparer.Ordinal);
        var measured = new Dictionary<string, ResultMetrics.Spread>(StringComparer.Ordinal);
        foreach (var (name, tolerance) in tolerances)
        {
            if (!received.Metrics.TryGetValue(name, out var value) || !double.IsFinite(value)) continue;
            if (received.Spreads.TryGetValue(name, out var spread) && spread.Count >= 2)
            {
                measured[name] = spread;
                metrics[name] = new MetricBand(value, SpreadBands.Tolerance(spread.StandardDeviation));
            }
            else
            {
                metrics[name] = new MetricBand(value, tolerance);
            }
        }

        if (metrics.Count == 0)
        {
            DeleteReceived();
            return null;
        }

        var bands = measured.Count > 0 ? SpreadBands.Describe(measured, received.Seeds, subject.Device) : verified?.Bands ?? defaultBandsText;
        var baseline = new Baseline(ExperimentId, subject.Version, subject.DefinitionHash, subject.Profile, subject.Device, bands, metrics);
        WriteReceived(baseline);
        return baseline;
    }

    /// <summary>Removes the received file; called when the gate passes so a stale one cannot be accepted later.</summary>
    public void DeleteReceived() => File.Delete(ReceivedPath);

    /// <summary>The ids with a received file awaiting acceptance, in ordinal order.</summary>
    public static IReadOnlyList<string> Pending(string baselinesDir)
    {
        if (!Directory.Exists(baselinesDir))
        {
            return [];
        }

        return Directory.EnumerateFiles(baselinesDir, "*" + Baseline.ReceivedSuffix)
            .Select(Baseline.IdFromFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Moves every &lt;id&gt;.received.json over its &lt;id&gt;.verified.json (a rename, so atomic).
    /// Every received file is validated first: one malformed file accepts nothing.
    /// </summary>
    /// <returns>The accepted ids in ordinal order; empty when there was nothing to accept.</returns>
    /// <exception cref="BaselineException">A received file is malformed.</exception>
    public static IReadOnlyList<string> Accept(string baselinesDir)
    {
        var pending = Pending(baselinesDir).Select(id => new Snapshots(baselinesDir, id)).ToList();
        foreach (var snapshot in pending)
        {
            Baseline.Load(snapshot.ReceivedPath);
        }

        foreach (var snapshot in pending)
        {
            File.Move(snapshot.ReceivedPath, snapshot.VerifiedPath, overwrite: true);
        }

        return pending.Select(s => s.ExperimentId).ToList();
    }
}
