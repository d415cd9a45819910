namespace Repro.Reproduction.Runs;

/// <summary>
/// Checks, before any training starts, that a folder a run writes to (the run cache, the results)
/// can be created and written and has room left: otherwise a batch of trainings would end, hours
/// later, in a write error. Root ignores permission bits, so the folder is tried by writing and
/// deleting a probe file rather than by reading its mode.
/// </summary>
/// <param name="minimumFreeBytes">Free space the folder's disk must have; <see cref="DefaultMinimumFreeBytes"/> unless stated.</param>
public sealed class StoragePreflight(long minimumFreeBytes = StoragePreflight.DefaultMinimumFreeBytes)
{
    /// <summary>
    /// 256 MiB. A run record takes about 4 KB for 10 epochs of 10 classes plus 0.2 KB per further
    /// epoch, and a result embeds its runs again. All 92 experiments with 5 seeds (mostly 5 folds
    /// of 20 epochs) write about 2,300 records: some 30 MB with their results. 256 MiB is about
    /// eight times that, and still small enough not to refuse a disk that merely has little to spare.
    /// </summary>
    public const long DefaultMinimumFreeBytes = 256L << 20;

    /// <summary>What stops <paramref name="folder"/> taking a run's files, naming it and the fix; null when nothing does.</summary>
    /// <param name="folder">The folder; it is created when missing.</param>
    /// <param name="elsewhere">How to use another folder instead, e.g. "point --results at another folder".</param>
    public string? Problem(string folder, string elsewhere)
    {
        var probe = Path.Combine(folder, $".repro-preflight-{Guid.NewGuid():N}.tmp");
        long free;
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(probe, "");
            free = new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"{folder} cannot be written ({e.Message}); fix its permissions, or {elsewhere}.";
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }

        return free < minimumFreeBytes
            ? $"{folder} has {free >> 20} MiB free, and a run needs at least {minimumFreeBytes >> 20} MiB there for its records and results; free space on that disk, or {elsewhere}."
            : null;
    }
}
