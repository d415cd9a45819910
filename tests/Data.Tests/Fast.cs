namespace Repro.Data.Tests;

/// <summary>Settings and helpers shared by the download tests.</summary>
internal static class Fast
{
    /// <summary>Real retry logic with millisecond pauses, so fault injection stays quick.</summary>
    public static DownloadOptions Download { get; } = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30));

    /// <summary>The files of a cache folder other than the lock file, which stays by design (see DatasetLock).</summary>
    public static string[] DataFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != ".lock").ToArray()
            : [];
}
