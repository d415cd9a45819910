using Repro.Experiments;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// The pretrained weight files of an experiment in the dataset store: whether they are on disk (never asking the
/// network, like <see cref="DatasetOnDisk"/>) and, when they are, the verified files.
/// </summary>
/// <param name="manifestOf">The manifest of a weight file; tests pin one to a file they wrote.</param>
public sealed class PretrainedWeightFiles(DatasetStore store, Func<PretrainedWeights, DatasetManifest> manifestOf)
{
    public PretrainedWeightFiles(DatasetStore store) : this(store, KerasWeightsManifest.For)
    {
    }

    /// <summary>Why the experiment's weight files cannot be used here (missing or corrupt, and what to do), or null when all are on disk.</summary>
    public string? Missing(Experiment experiment)
    {
        var problems = OnDisk(experiment).Where(w => w.OnDisk.State != DiskState.Present)
            .Select(w => w.OnDisk.State == DiskState.Corrupt
                ? $"{w.Weights.FileName} is corrupt ({string.Join(", ", w.OnDisk.Corrupt.Select(i => i.Path))} matches no pinned hash); delete it and run `repro data fetch {w.OnDisk.Manifest.Id}`"
                : $"{w.Weights.FileName} (md5 {w.Weights.Md5}, from {w.Weights.Url}) for {w.Weights.LoadsInto}; `repro data fetch {w.OnDisk.Manifest.Id}` downloads it, " +
                  $"or put it in {store.CacheFolder(w.OnDisk.Manifest)}")
            .ToList();
        return problems.Count == 0 ? null : "weights missing: " + string.Join("; ", problems);
    }

    /// <summary>
    /// The experiment's weight files, verified (a corrupt one is a <see cref="DatasetException"/>); empty when it has
    /// none, or, with <paramref name="smoke"/>, when one of them is absent. The smoke profile, whose numbers are never
    /// judged, also trains from a file of the right name that is not the published one (a user's own weights, a
    /// test file of random values), labelled as such in <see cref="ResolvedFile.Unpublished"/>.
    /// </summary>
    public IReadOnlyList<ResolvedFile> Resolve(Experiment experiment, bool smoke = false)
    {
        var onDisk = OnDisk(experiment);
        if (smoke && onDisk.Any(w => w.OnDisk.State == DiskState.Missing)) return [];
        var offline = store.WithOffline(true);
        // The inspection hashed the file already (its pin is an MD5, so in the same pass): nothing is read again.
        return onDisk.Select(w => smoke && w.OnDisk.Corrupt.FirstOrDefault(i => i.File.Name == w.Weights.FileName) is { Path: { } path, Sha256: { } sha256, Md5: { } md5 }
                ? new ResolvedFile(w.Weights.FileName, path, sha256, FileSource.Cache, new PinnedHash(sha256, "the file found under this name"),
                    Unpublished: $"not the published file: MD5 {md5}, the published {w.Weights.Md5}")
                : offline.Resolve(w.OnDisk.Manifest).Files[w.Weights.FileName])
            .ToList();
    }

    private List<(PretrainedWeights Weights, DatasetOnDisk OnDisk)> OnDisk(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return experiment.Weights.Select(w => (w, manifestOf(w)))
            .Select(w => (w.Item1, DatasetOnDisk.Of(store, w.Item2, store.Inspect(w.Item2))))
            .ToList();
    }
}
