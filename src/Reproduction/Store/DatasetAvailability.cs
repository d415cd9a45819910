namespace Repro.Reproduction.Store;

/// <summary>
/// One line per dataset for `repro data list`: present (and whether it is a subset), corrupt, or missing with the
/// reason and where to put the files by hand. Looks at the disk and, for a missing dataset, at name resolution:
/// the one look at the network outside downloading, so only `repro data` calls it.
/// </summary>
public static class DatasetAvailability
{
    public static string Describe(DatasetStore store, DatasetManifest manifest, IReadOnlyList<FileInspection> inspections)
    {
        var onDisk = DatasetOnDisk.Of(store, manifest, inspections);
        var subset = manifest.SubsetOf is { } of ? $", subset of {of}: results on it are not comparable with the full set's" : string.Empty;
        var what = $"{manifest.DisplayName}{subset}";
        return onDisk.State switch
        {
            DiskState.Present => $"{manifest.Id}: present ({what})",
            DiskState.Corrupt => $"{manifest.Id}: corrupt ({what}): {string.Join(", ", onDisk.Corrupt.Select(i => i.Path))}; delete and run `repro data fetch {manifest.Id}`",
            DiskState.Extractable => $"{manifest.Id}: missing ({what}): {manifest.Archive!.Archive.Name} is at {onDisk.HeldArchive!.Path}; `repro data fetch {manifest.Id}` extracts it",
            _ => $"{manifest.Id}: missing ({what}): {WhyMissing(store, manifest)}; put {ToPut(onDisk)} in {store.CacheFolder(manifest) + Path.DirectorySeparatorChar}"
                + string.Concat(manifest.SystemFolders.Select(f => $", or {f.InstallHint}")),
        };
    }

    private static string WhyMissing(DatasetStore store, DatasetManifest manifest) =>
        store.Offline
            ? $"offline mode ({DatasetStore.OfflineVariable}=1)"
            : NetworkProbe.Unreachable(manifest.Mirrors) is { } unreachable
                ? $"not downloadable here: {unreachable}"
                : $"not fetched yet; `repro data fetch {manifest.Id}` downloads it";

    /// <summary>The absent files, or the archive alone when it holds them all.</summary>
    private static string ToPut(DatasetOnDisk onDisk) =>
        onDisk.ArchiveHoldsAbsent ? onDisk.Manifest.Archive!.Archive.Name : string.Join(", ", onDisk.Absent.Select(i => i.File.Name));
}
