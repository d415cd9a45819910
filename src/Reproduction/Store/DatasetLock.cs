namespace Repro.Reproduction.Store;

/// <summary>
/// An exclusive lock on `&lt;cache&gt;/&lt;id&gt;/.lock`, held while files are downloaded, extracted or recorded, so two
/// processes fetching the same dataset take turns instead of racing on the same names. The operating system drops
/// the lock when the process dies, so a crash never leaves the dataset locked. The file itself is never deleted:
/// deleting it while another process waits would let a third process lock a new file beside the old one.
/// </summary>
internal sealed class DatasetLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _stream;

    private DatasetLock(FileStream stream)
    {
        _stream = stream;
    }

    public static async Task<DatasetLock> AcquireAsync(string cacheFolder, TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        var path = Path.Combine(cacheFolder, FileName);
        var deadline = DateTime.UtcNow + timeout;
        var told = false;
        while (true)
        {
            try
            {
                return new DatasetLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    log.WriteLine($"Waiting for another process to finish with {cacheFolder} (lock {path})...");
                    told = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new DatasetException($"Another process has held {path} for more than {timeout.TotalSeconds:0} s. If none is running, delete the file and retry.", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new DatasetException($"Cannot create {path}: {e.Message}. Make the cache folder writable, or set {DatasetStore.DataVariable} to a writable folder.", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
