namespace Repro.Reproduction.Store;

/// <summary>Datasets published as one archive: finding it, extracting its members safely, checking them.</summary>
public sealed partial class DatasetStore
{
    /// <summary>
    /// Finds the archive (cache, system folders, then mirrors unless offline), extracts the missing members into
    /// the cache folder and checks each before it gets its final name; a member failing its check is an error, and
    /// none of the archive's members is kept then.
    /// </summary>
    private async Task ExtractAsync(DatasetManifest manifest, ArchiveSource archive, string folder, TrustLock trust, List<DatasetFile> missing, Dictionary<string, ResolvedFile> found, CancellationToken cancellationToken)
    {
        var archiveFile = await ResolveArchiveAsync(manifest, archive.Archive, folder, trust, cancellationToken).ConfigureAwait(false);
        if (archiveFile is null)
        {
            return;
        }

        var wanted = archive.Members.Where(m => missing.Any(f => f.Name == m.Value)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        Log.WriteLine($"Extracting {string.Join(", ", wanted.Values)} from {archiveFile.Path}");
        var extracted = TarGzExtractor.Extract(archiveFile.Path, wanted, folder);
        try
        {
            var absent = wanted.Where(m => !extracted.ContainsKey(m.Value)).Select(m => m.Key).ToArray();
            if (absent.Length > 0)
            {
                throw new DatasetException($"{archiveFile.Path} has no member {string.Join(", ", absent)}; it is not the archive dataset '{manifest.Id}' expects. Delete it and fetch again.");
            }

            var checks = new Dictionary<string, FileCheck>(StringComparer.Ordinal);
            foreach (var (name, temp) in extracted)
            {
                var file = manifest.File(name);
                var check = FileCheck.Of(file, temp, trust);
                if (check.Status != FileStatus.Present)
                {
                    throw new DatasetException(
                        $"{name}, extracted from {archiveFile.Path}, fails its check: {check.Reason ?? $"SHA-256 {check.Hashes?.Sha256} matches no pinned hash ({file.PinsText})"}. Nothing was kept. Delete the archive and fetch it again.");
                }

                checks[name] = check;
            }

            foreach (var (name, temp) in extracted)
            {
                var file = manifest.File(name);
                var target = Path.Combine(folder, name);
                File.Move(temp, target, overwrite: true);
                var origin = $"extracted from {archiveFile.FileName} ({archiveFile.Match.Display})";
                var match = Record(trust, file, checks[name], origin, checks[name].Match!);
                found[name] = new ResolvedFile(name, target, checks[name].Hashes!.Sha256, FileSource.Extracted, match, archiveFile.Path);
                missing.Remove(file);
                Log.WriteLine($"  {name}: {DownloadProgress.Size(checks[name].Hashes!.Size)} extracted to {target} ({checks[name].Trust})");
            }
        }
        finally
        {
            foreach (var temp in extracted.Values)
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }

    private async Task<ResolvedFile?> ResolveArchiveAsync(DatasetManifest manifest, DatasetFile archive, string folder, TrustLock trust, CancellationToken cancellationToken)
    {
        var cached = Examine(manifest.Id, archive, Path.Combine(folder, archive.Name), FileSource.Cache, trust);
        if (cached.Inspection.Status == FileStatus.Corrupt)
        {
            throw new DatasetException(DatasetMessages.CorruptFiles(manifest, [cached.Inspection]));
        }

        var usable = cached.Inspection.Status == FileStatus.Present ? cached : FindInSystemFolders(manifest, archive, trust, [], log: true);
        if (usable is { } found)
        {
            var resolvedArchive = ToResolved(found.Inspection, found.Check);
            return resolvedArchive with { Match = Record(trust, archive, found.Check, found.Inspection.Path!, resolvedArchive.Match) };
        }

        if (Offline)
        {
            return null;
        }

        var downloader = new MirrorDownloader(RequestTimeout, Download, Log);
        var (resolved, check) = await downloader.DownloadAsync(manifest, archive, folder, path => FileCheck.Of(archive, path, trust), cancellationToken).ConfigureAwait(false);
        return resolved with { Match = Record(trust, archive, check, resolved.DownloadedFrom!, resolved.Match) };
    }

    /// <summary>The files a person has to provide: the archive when every missing file comes out of it.</summary>
    private static IReadOnlyList<DatasetFile> Wanted(DatasetManifest manifest, IReadOnlyList<DatasetFile> missing) =>
        manifest.Archive is { } archive && missing.All(f => archive.Members.Values.Contains(f.Name)) ? [archive.Archive] : missing;

    /// <summary>Whether the archive is already on disk, so extraction can supply the missing files without the network.</summary>
    private bool ArchiveAtHand(DatasetManifest manifest, IReadOnlyList<DatasetFile> missing) =>
        manifest.Archive is { } archive
        && missing.All(f => archive.Members.Values.Contains(f.Name))
        && InspectArchive(manifest) is { Status: FileStatus.Present };
}
