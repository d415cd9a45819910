using System.Net;
using System.Security.Cryptography;

namespace Repro.Reproduction.Data;

/// <summary>
/// Fetches one dataset file from the manifest's mirrors, in order, into the cache folder. The bytes go to a temporary
/// file next to the target and are renamed over it only once their SHA-256 matches, so the final name never holds a
/// partial or unverified file, even if the process is killed mid-download.
/// </summary>
internal sealed class MirrorDownloader
{
    private static readonly HttpClient Http = CreateClient();

    private readonly TimeSpan _timeout;
    private readonly TextWriter _log;

    public MirrorDownloader(TimeSpan timeout, TextWriter log)
    {
        _timeout = timeout;
        _log = log;
    }

    public async Task<ResolvedFile> DownloadAsync(DatasetManifest manifest, DatasetFile file, string cacheFolder, CancellationToken cancellationToken)
    {
        CreateFolder(cacheFolder);
        var failures = new List<string>();
        foreach (var mirror in manifest.Mirrors)
        {
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                failures.Add($"{mirror}: not an http(s) address");
                continue;
            }

            var url = new Uri(baseUri, Uri.EscapeDataString(file.Name));
            var (resolved, failure) = await TryMirrorAsync(file, url, cacheFolder, cancellationToken).ConfigureAwait(false);
            if (resolved is not null)
            {
                return resolved;
            }

            _log.WriteLine($"  {file.Name}: {url} failed: {failure}");
            failures.Add($"{url}: {failure}");
        }

        throw new DatasetException(DatasetMessages.DownloadFailed(manifest, file, cacheFolder, failures));
    }

    private async Task<(ResolvedFile? File, string? Failure)> TryMirrorAsync(DatasetFile file, Uri url, string cacheFolder, CancellationToken cancellationToken)
    {
        // Unique per attempt: two processes fetching the same file must not write into each other's temporary file.
        var temp = Path.Combine(cacheFolder, $".{file.Name}.{Guid.NewGuid():N}.partial");
        try
        {
            // HttpClient.Timeout stops covering the body once headers arrive, so one token bounds both: it is
            // re-armed after every chunk and thus limits a stall, not the whole (possibly slow but steady) transfer.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var length = response.Content.Headers.ContentLength;
            var progress = new DownloadProgress(_log, file.Name, url, length);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    while (true)
                    {
                        timeout.CancelAfter(_timeout);
                        var read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                        received += read;
                        progress.Report(received);
                    }

                    // The rename below must not publish a name whose data is still only in the page cache.
                    output.Flush(flushToDisk: true);
                }
            }

            if (length is { } expectedLength && received != expectedLength)
            {
                return (null, $"the connection ended after {received} of {expectedLength} bytes");
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            var match = file.Match(actual);
            if (match is null)
            {
                return (null, $"served {received} bytes with SHA-256 {actual}, which matches no pinned SHA-256 ({string.Join(" or ", file.Hashes.Select(h => h.Sha256))}); discarded them");
            }

            var target = Path.Combine(cacheFolder, file.Name);
            File.Move(temp, target, overwrite: true);
            progress.Done(target, received);
            return (new ResolvedFile(file.Name, target, actual, FileSource.Download, match, url.ToString()), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"timed out (no data for {_timeout.TotalSeconds:0.###} s)");
        }
        catch (HttpRequestException e)
        {
            return (null, $"request failed: {e.Message}");
        }
        catch (IOException e)
        {
            return (null, $"transfer failed: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DatasetException($"Cannot write into the cache folder {cacheFolder}: {e.Message}. Make it writable, or set REPRO_DATA to a writable folder.", e);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot create the cache folder {folder}: {e.Message}. Make it writable, or set REPRO_DATA to a writable folder.", e);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover *.partial file is harmless: it never has the final name and the next attempt uses a new one.
        }
    }

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            // The pinned hashes are of the .gz bytes as stored; transparent decompression would change what we hash.
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("repro-data/1.0");
        return client;
    }
}
