namespace Repro.Reproduction.Data;

/// <summary>
/// One line per dataset for `repro data list`: present (and whether it is a subset), corrupt, or missing with the
/// reason and where to put the files by hand. Looks at the disk and, for a missing dataset, at name resolution only.
/// </summary>
public static class DatasetAvailability
{
    public static string Describe(DatasetStore store, DatasetManifest manifest, IReadOnlyList<FileInspection> inspections)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(inspections);
        var subset = manifest.SubsetOf is { } of ? $", subset of {of}: results on it are not comparable with the full set's" : string.Empty;
        var folder = store.CacheFolder(manifest) + Path.DirectorySeparatorChar;
        if (inspections.Any(i => i.Status == FileStatus.Corrupt))
        {
            var bad = string.Join(", ", inspections.Where(i => i.Status == FileStatus.Corrupt).Select(i => i.Path));
            return $"{manifest.Id}: corrupt ({manifest.DisplayName}{subset}): {bad}; delete and run `repro data fetch {manifest.Id}`";
        }

        if (inspections.All(i => i.Status == FileStatus.Present))
        {
            return $"{manifest.Id}: present ({manifest.DisplayName}{subset})";
        }

        var missing = inspections.Where(i => i.Status == FileStatus.Missing).Select(i => i.File).ToArray();
        if (manifest.Archive is { } archive && missing.All(f => archive.Members.Values.Contains(f.Name)))
        {
            if (store.InspectArchive(manifest) is { Status: FileStatus.Present } held)
            {
                return $"{manifest.Id}: missing ({manifest.DisplayName}{subset}): {archive.Archive.Name} is at {held.Path}; `repro data fetch {manifest.Id}` extracts it";
            }

            missing = [archive.Archive];
        }

        var names = string.Join(", ", missing.Select(f => f.Name));
        var why = store.Offline
            ? $"offline mode ({DatasetStore.OfflineVariable}=1)"
            : NetworkProbe.Unreachable(manifest.Mirrors) is { } unreachable
                ? $"not downloadable here: {unreachable}"
                : $"not fetched yet; `repro data fetch {manifest.Id}` downloads it";
        var hints = string.Concat(manifest.SystemFolders.Select(f => $", or {f.InstallHint}"));
        return $"{manifest.Id}: missing ({manifest.DisplayName}{subset}): {why}; put {names} in {folder}{hints}";
    }
}
