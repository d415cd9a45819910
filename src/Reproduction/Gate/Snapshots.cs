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

    /// <summary>Removes the received file, if any, so a stale one cannot be accepted later.</summary>
    public void DeleteReceived()
    {
        // File.Delete ignores a missing file but throws for a missing folder, which a device class or profile without baselines yet has.
        if (File.Exists(ReceivedPath)) File.Delete(ReceivedPath);
    }

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
    /// Validates every received file in <paramref name="baselinesDir"/>, and refuses one that changes
    /// what is gated (another gated seed, profile or device class, or another definition without a
    /// version bump) unless <paramref name="allowMismatch"/>. Moves nothing, so that a caller
    /// accepting several folders can check them all before the first move.
    /// </summary>
    /// <exception cref="BaselineException">A received file is malformed, or changes what is gated without permission.</exception>
    public static void CheckAcceptable(string baselinesDir, bool allowMismatch)
    {
        foreach (var snapshot in Pending(baselinesDir).Select(id => new Snapshots(baselinesDir, id)))
        {
            var received = Baseline.Load(snapshot.ReceivedPath);
            if (!allowMismatch && snapshot.HasVerified && IdentityChanges(snapshot.LoadVerified(), received) is { Count: > 0 } changes)
            {
                throw new BaselineException(
                    $"{snapshot.ReceivedPath} changes what is gated ({string.Join("; ", changes)}), which a drifting result must not do by accident. " +
                    "Re-run with the baseline's seed, profile and device, or accept with --allow-mismatch if the change is meant.");
            }
        }
    }

    /// <summary>
    /// Moves every &lt;id&gt;.received.json over its &lt;id&gt;.verified.json (a rename, so atomic)
    /// after <see cref="CheckAcceptable"/> has passed them all: one bad file accepts nothing.
    /// </summary>
    /// <returns>The accepted ids in ordinal order; empty when there was nothing to accept.</returns>
    /// <exception cref="BaselineException">A received file is malformed, or changes what is gated without permission.</exception>
    public static IReadOnlyList<string> Accept(string baselinesDir, bool allowMismatch = false)
    {
        CheckAcceptable(baselinesDir, allowMismatch);
        return MovePending(baselinesDir);
    }

    /// <summary>Moves every received file over its verified file, unchecked: call <see cref="CheckAcceptable"/> first.</summary>
    public static IReadOnlyList<string> MovePending(string baselinesDir)
    {
        var pending = Pending(baselinesDir).Select(id => new Snapshots(baselinesDir, id)).ToList();
        foreach (var snapshot in pending)
        {
            File.Move(snapshot.ReceivedPath, snapshot.VerifiedPath, overwrite: true);
        }

        return pending.Select(s => s.ExperimentId).ToList();
    }

    private static List<string> IdentityChanges(Baseline verified, Baseline received)
    {
        var changes = new List<string>();
        if (verified.GatedSeed != received.GatedSeed) changes.Add($"gated seed {verified.GatedSeed} → {received.GatedSeed}");
        if (verified.Profile != received.Profile) changes.Add($"profile {verified.Profile} → {received.Profile}");
        if (verified.Device != received.Device) changes.Add($"device class {verified.Device} → {received.Device}");
        if (verified.DefinitionHash != received.DefinitionHash && received.Version <= verified.Version)
            changes.Add($"definition {verified.DefinitionHash} → {received.DefinitionHash} without a version bump");
        return changes;
    }
}
