namespace Repro.Reproduction.Store;

/// <summary>Looking at what is on disk: the cache, then the system folders; never downloads.</summary>
public sealed partial class DatasetStore
{
    /// <summary>What each file's status is right now, looking only at the disk (never downloads, never throws for a bad file).</summary>
    public IReadOnlyList<FileInspection> Inspect(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var trust = TrustLock.Read(CacheFolder(manifest));
        return manifest.Files.Select(file => Inspect(manifest, file, trust)).ToArray();
    }

    /// <summary>The archive's state, for datasets extracted from one (null otherwise).</summary>
    public FileInspection? InspectArchive(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Archive is { } archive ? Inspect(manifest, archive.Archive, TrustLock.Read(CacheFolder(manifest))) : null;
    }

    private FileInspection Inspect(DatasetManifest manifest, DatasetFile file, TrustLock trust)
    {
        var cached = Examine(manifest.Id, file, Path.Combine(CacheFolder(manifest), file.Name), FileSource.Cache, trust);
        if (cached.Inspection.Status != FileStatus.Missing)
        {
            return cached.Inspection;
        }

        var system = manifest.SystemFolders
            .Select(folder => Examine(manifest.Id, file, Path.Combine(folder.Path, file.Name), FileSource.System, trust).Inspection)
            .Where(inspection => inspection.Status != FileStatus.Missing)
            .ToArray();
        return system.FirstOrDefault(s => s.Status == FileStatus.Present) ?? system.FirstOrDefault() ?? cached.Inspection;
    }

    private sealed record Lookup(
        Dictionary<string, ResolvedFile> Found,
        List<DatasetFile> Missing,
        List<FileInspection> Rejected,
        List<(DatasetFile File, FileCheck Check, string Origin)> Unrecorded);

    /// <summary>The cache, then the system folders, for every file. A corrupt cache file is an error (see remarks).</summary>
    private Lookup Look(DatasetManifest manifest, bool log)
    {
        var trust = TrustLock.Read(CacheFolder(manifest));
        var lookup = new Lookup(new Dictionary<string, ResolvedFile>(StringComparer.Ordinal), [], [], []);
        var corrupt = new List<FileInspection>();
        foreach (var file in manifest.Files)
        {
            var cached = Examine(manifest.Id, file, Path.Combine(CacheFolder(manifest), file.Name), FileSource.Cache, trust);
            if (cached.Inspection.Status == FileStatus.Corrupt)
            {
                corrupt.Add(cached.Inspection);
                continue;
            }

            var usable = cached.Inspection.Status == FileStatus.Present ? cached : FindInSystemFolders(manifest, file, trust, lookup.Rejected, log);
            if (usable is null)
            {
                lookup.Missing.Add(file);
                continue;
            }

            lookup.Found[file.Name] = ToResolved(usable.Value.Inspection, usable.Value.Check);
            if (usable.Value.Check.Unrecorded)
            {
                lookup.Unrecorded.Add((file, usable.Value.Check, usable.Value.Inspection.Path!));
            }
        }

        if (corrupt.Count > 0)
        {
            throw new DatasetException(DatasetMessages.CorruptFiles(manifest, corrupt));
        }

        return lookup;
    }

    private (FileInspection Inspection, FileCheck Check)? FindInSystemFolders(DatasetManifest manifest, DatasetFile file, TrustLock trust, List<FileInspection> rejected, bool log)
    {
        foreach (var folder in manifest.SystemFolders)
        {
            var examined = Examine(manifest.Id, file, Path.Combine(folder.Path, file.Name), FileSource.System, trust);
            if (examined.Inspection.Status == FileStatus.Present)
            {
                return examined;
            }

            if (examined.Inspection.Status == FileStatus.Corrupt)
            {
                if (log)
                {
                    Log.WriteLine(DatasetMessages.RejectedSystemFile(examined.Inspection));
                }

                rejected.Add(examined.Inspection);
            }
        }

        return null;
    }

    private static (FileInspection Inspection, FileCheck Check) Examine(string datasetId, DatasetFile file, string path, FileSource source, TrustLock trust)
    {
        var check = FileCheck.Of(file, path, trust);
        if (check.Status == FileStatus.Missing)
        {
            return (new FileInspection(datasetId, file, FileStatus.Missing, null, path, null, null), check);
        }

        return (new FileInspection(datasetId, file, check.Status, source, path, check.Hashes!.Size, check.Hashes.Sha256, check.Trust, check.Reason,
            check.Hashes.Md5), check);
    }

    private static ResolvedFile ToResolved(FileInspection inspection, FileCheck check) =>
        new(inspection.File.Name, inspection.Path!, inspection.Sha256!, inspection.Source!.Value, check.Match!);
}
