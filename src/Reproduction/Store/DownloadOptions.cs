namespace Repro.Reproduction.Store;

/// <summary>
/// How hard a download tries before moving to the next mirror. The defaults suit real servers; tests shrink the
/// delays so fault injection stays fast.
/// </summary>
/// <param name="Attempts">Requests per mirror and file; a dropped transfer resumes with an HTTP Range request.</param>
/// <param name="RetryBaseDelay">Wait before the second attempt; doubled before each further one.</param>
/// <param name="LockTimeout">How long to wait for another process holding the dataset's lock.</param>
public sealed record DownloadOptions(int Attempts, TimeSpan RetryBaseDelay, TimeSpan LockTimeout)
{
    public static DownloadOptions Default { get; } = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
}
