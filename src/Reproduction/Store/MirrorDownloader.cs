using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Repro.Reproduction.Store;

/// <summary>
/// Fetches one dataset file from the manifest's mirrors, in order, into the cache folder. The bytes go to a temporary
/// file next to the target and are renamed over it only once they pass the checks, so the final name never holds a
/// partial or unverified file, even if the process is killed mid-download. A transfer that breaks off is resumed
/// with an HTTP Range request after an exponentially growing pause; redirects are followed by HttpClient.
/// </summary>
internal sealed class MirrorDownloader
{
    private static readonly HttpClient Http = CreateClient();

    private readonly TimeSpan _timeout;
    private readonly DownloadOptions _options;
    private readonly TextWriter _log;

    public MirrorDownloader(TimeSpan timeout, DownloadOptions options, TextWriter log)
    {
        _timeout = timeout;
        _options = options;
        _log = log;
    }

    /// <param name="check">Judges the complete temporary file; only a <see cref="FileStatus.Present"/> verdict is kept.</param>
    public async Task<(ResolvedFile File, FileCheck Check)> DownloadAsync(DatasetManifest manifest, DatasetFile file, string cacheFolder, Func<string, FileCheck> check, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var mirror in manifest.Mirrors)
        {
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                failures.Add($"{mirror}: not an http(s) address");
                continue;
            }

            var url = new Uri(baseUri, Uri.EscapeDataString(file.Name));
            // Unique per mirror: two processes fetching the same file must not write into each other's temporary file.
            var temp = Path.Combine(cacheFolder, $".{file.Name}.{Guid.NewGuid():N}.partial");
            try
            {
                var failure = await TryMirrorAsync(url, temp, cancellationToken).ConfigureAwait(false);
                if (failure is null)
                {
                    var verdict = check(temp);
                    if (verdict.Status == FileStatus.Present)
                    {
                        var target = Path.Combine(cacheFolder, file.Name);
                        File.Move(temp, target, overwrite: true);
                        var how = verdict.Trust == FileCheck.Pinned ? "pinned hash" : verdict.Unrecorded ? "recorded now for trust on first use" : "first-use record";
                        _log.WriteLine($"  {file.Name}: saved to {target} (SHA-256 verified: {how})");
                        var resolved = new ResolvedFile(file.Name, target, verdict.Hashes!.Sha256, FileSource.Download, verdict.Match!, url.ToString());
                        return (resolved, verdict);
                    }

                    failure = $"served {verdict.Hashes!.Size} bytes with SHA-256 {verdict.Hashes.Sha256}, which {(verdict.Reason is { } reason ? $"fails the check: {reason}" : $"matches no pinned hash ({file.PinsText})")}; discarded them";
                }

                _log.WriteLine($"  {file.Name}: {url} failed: {failure}");
                failures.Add($"{url}: {failure}");
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

        throw new DatasetException(DatasetMessages.DownloadFailed(manifest, file, cacheFolder, failures));
    }

    /// <summary>Null when <paramref name="temp"/> holds the whole body, else why not (after every attempt).</summary>
    private async Task<string?> TryMirrorAsync(Uri url, string temp, CancellationToken cancellationToken)
    {
        string? failure = null;
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = _options.RetryBaseDelay * Math.Pow(2, attempt - 2);
                _log.WriteLine($"  {url}: {failure}; retrying in {delay.TotalSeconds:0.###} s (attempt {attempt} of {_options.Attempts})");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            var (done, retryable, why) = await TryOnceAsync(url, temp, cancellationToken).ConfigureAwait(false);
            if (done)
            {
                return null;
            }

            failure = why;
            if (!retryable)
            {
                break;
            }
        }

        return failure;
    }

    private async Task<(bool Done, bool Retryable, string? Failure)> TryOnceAsync(Uri url, string temp, CancellationToken cancellationToken)
    {
        var have = File.Exists(temp) ? new FileInfo(temp).Length : 0;
        try
        {
            // HttpClient.Timeout stops covering the body once headers arrive, so one token bounds both: it is
            // re-armed after every chunk and thus limits a stall, not the whole (possibly slow but steady) transfer.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (have > 0)
            {
                request.Headers.Range = new RangeHeaderValue(have, null);
            }

            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                File.Delete(temp);
                return (false, true, "the server refused to resume (HTTP 416); starting over");
            }

            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                // Server errors and throttling are often momentary; 404 and its kin will not change on retry.
                return (false, code >= 500 || code is 408 or 429, $"HTTP {code} {response.ReasonPhrase}");
            }

            var resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have;
            if (response.StatusCode == HttpStatusCode.PartialContent && !resumed)
            {
                // A range other than the one asked for cannot be spliced onto what we have; start over.
                File.Delete(temp);
                return (false, true, $"the server answered range {response.Content.Headers.ContentRange} to a request from byte {have}; starting over");
            }

            var start = resumed ? have : 0;
            var length = response.Content.Headers.ContentLength;
            long? total = resumed ? response.Content.Headers.ContentRange?.Length ?? (length is { } l ? have + l : null) : length;
            var progress = new DownloadProgress(_log, Path.GetFileName(url.AbsolutePath), url, total, start);
            long received = start;
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                // A server that ignores Range answers 200 with the whole body: then the old bytes are dropped.
                var output = new FileStream(temp, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    try
                    {
                        while (true)
                        {
                            timeout.CancelAfter(_timeout);
                            var read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                            if (read == 0)
                            {
                                break;
                            }

                            await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                            received += read;
                            progress.Report(received);
                        }
                    }
                    finally
                    {
                        // Whatever arrived stays on disk for the Range request of the next attempt.
                        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }

                    // The rename that follows must not publish a name whose data is still only in the page cache.
                    output.Flush(flushToDisk: true);
                }
            }

            if (total is { } expected && received != expected)
            {
                return (false, true, $"the connection ended after {received} of {expected} bytes");
            }

            progress.Done(received);
            return (true, false, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, true, $"timed out (no data for {_timeout.TotalSeconds:0.###} s)");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
        {
            // Without name resolution (an offline machine) retrying only delays the next mirror.
            return (false, false, $"request failed: {e.Message} (no network?)");
        }
        catch (HttpRequestException e)
        {
            return (false, true, $"request failed: {e.Message}");
        }
        catch (IOException e)
        {
            return (false, true, $"transfer failed: {e.Message}");
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
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("repro-data/1.0");
        return client;
    }
}
