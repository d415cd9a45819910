namespace Repro.Reproduction.Store;

/// <summary>
/// What this machine holds of one dataset: the cache, the system folders, and an archive on disk its files can be
/// extracted from. Never asks the network, so the run planner and the reproduction table can ask it for every
/// experiment; whether a missing dataset could be downloaded is `repro data`'s question (<see cref="DatasetAvailability"/>).
/// </summary>
/// <param name="Inspections">Every file of the dataset, as <see cref="DatasetStore.Inspect"/> found it.</param>
/// <param name="HeldArchive">The archive on disk, when <see cref="State"/> is <see cref="DiskState.Extractable"/>.</param>
public sealed record DatasetOnDisk(DatasetManifest Manifest, DiskState State, IReadOnlyList<FileInspection> Inspections, FileInspection? HeldArchive)
{
    public static DatasetOnDisk Of(DatasetStore store, DatasetManifest manifest, IReadOnlyList<FileInspection> inspections)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(inspections);
        var found = new DatasetOnDisk(manifest, DiskState.Missing, inspections, null);
        if (found.Corrupt.Any()) return found with { State = DiskState.Corrupt };
        if (!found.Absent.Any()) return found with { State = DiskState.Present };
        return found.ArchiveHoldsAbsent && store.InspectArchive(manifest) is { Status: FileStatus.Present } held
            ? found with { State = DiskState.Extractable, HeldArchive = held }
            : found;
    }

    /// <summary>Whether the dataset loads without the network: every file present, or extractable from the archive at hand.</summary>
    public bool Loadable => State is DiskState.Present or DiskState.Extractable;

    public IEnumerable<FileInspection> Corrupt => Inspections.Where(i => i.Status == FileStatus.Corrupt);

    /// <summary>The files neither the cache nor a system folder holds.</summary>
    public IEnumerable<FileInspection> Absent => Inspections.Where(i => i.Status == FileStatus.Missing);

    /// <summary>Whether the dataset's archive holds every absent file: then the archive is the one file to fetch or put in place.</summary>
    public bool ArchiveHoldsAbsent => Manifest.Archive is { } archive && Absent.All(i => archive.Members.Values.Contains(i.File.Name));
}

public enum DiskState
{
    Present,

    /// <summary>Some files are absent, and the archive on disk holds them all.</summary>
    Extractable,

    /// <summary>Some file's hash matches no pin (or its first-use record).</summary>
    Corrupt,

    Missing,
}
