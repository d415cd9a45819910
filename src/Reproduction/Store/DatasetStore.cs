namespace Repro.Reproduction.Store;

/// <summary>
/// Finds verified dataset files: first the user cache, then the manifest's system folders, then the archive named
/// by the manifest (extracted into the cache), then Debian packages to unpack, then the mirrors (downloading into the
/// cache). Every file is checked on every load, wherever it came from: size, pinned hashes, or the SHA-256 recorded
/// on first use. Whatever writes into a dataset's cache folder holds its <see cref="DatasetLock"/>.
/// </summary>
/// <remarks>
/// A cache file with a wrong hash is an error rather than a reason to look elsewhere: the cache is ours, so a bad
/// file there means something went wrong that the user should know about, and silently re-downloading would hide it.
/// A system file with a wrong hash is only a warning, because the user cannot easily replace a package's files.
/// </remarks>
public sealed partial class DatasetStore
{
    public const string DataVariable = "REPRO_DATA";
    public const string OfflineVariable = "REPRO_OFFLINE";

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <param name="cacheRoot">Holds one folder per dataset id.</param>
    /// <param name="offline">When true nothing is downloaded; missing files are an error.</param>
    /// <param name="requestTimeout">How long a download may wait for a response or for the next bytes.</param>
    /// <param name="log">Progress and warnings; standard error when null.</param>
    /// <param name="download">Retries, back-off and lock waiting; <see cref="DownloadOptions.Default"/> when null.</param>
    public DatasetStore(string cacheRoot, bool offline = false, TimeSpan? requestTimeout = null, TextWriter? log = null, DownloadOptions? download = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheRoot);
        var timeout = requestTimeout ?? DefaultRequestTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(requestTimeout));
        CacheRoot = Path.GetFullPath(cacheRoot);
        Offline = offline;
        RequestTimeout = timeout;
        Log = log ?? Console.Error;
        Download = download ?? DownloadOptions.Default;
    }

    public string CacheRoot { get; }

    public bool Offline { get; }

    public TimeSpan RequestTimeout { get; }

    public TextWriter Log { get; }

    public DownloadOptions Download { get; }

    /// <summary>The store configured by REPRO_DATA, XDG_CACHE_HOME and REPRO_OFFLINE.</summary>
    public static DatasetStore Default() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <param name="variable">Looks up an environment variable; tests pass a dictionary instead of mutating the process.</param>
    /// <param name="log">Progress and warnings; standard error when null.</param>
    public static DatasetStore FromEnvironment(Func<string, string?> variable, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new DatasetStore(CacheRootFromEnvironment(variable), IsOn(variable(OfflineVariable)), log: log);
    }

    /// <summary>$REPRO_DATA, else $XDG_CACHE_HOME/repro, else ~/.cache/repro.</summary>
    public static string CacheRootFromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(DataVariable) is { Length: > 0 } data)
        {
            return Path.GetFullPath(data);
        }

        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        if (variable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "repro");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new DatasetException($"Cannot find a folder for the dataset cache: there is no home folder. Set {DataVariable} to a writable folder.");
        }

        return Path.Combine(home, ".cache", "repro");
    }

    public DatasetStore WithOffline(bool offline) => new(CacheRoot, offline, RequestTimeout, Log, Download);

    public string CacheFolder(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Path.Combine(CacheRoot, manifest.Id);
    }

    public ResolvedDataset Resolve(DatasetManifest manifest) => ResolveAsync(manifest).GetAwaiter().GetResult();

    public async Task<ResolvedDataset> ResolveAsync(DatasetManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var folder = CacheFolder(manifest);
        var look = Look(manifest, log: true);
        if (look.Missing.Count == 0 && look.Unrecorded.Count == 0)
        {
            return Result(manifest, look.Found);
        }

        if (Offline && look.Missing.Count > 0 && !ArchiveAtHand(manifest, look.Missing))
        {
            throw new DatasetException(DatasetMessages.Offline(manifest, folder, Wanted(manifest, look.Missing), look.Rejected));
        }

        CreateFolder(folder);
        using var guard = await DatasetLock.AcquireAsync(folder, Download.LockTimeout, Log, cancellationToken).ConfigureAwait(false);

        // Another process may have fetched the files while this one waited for the lock.
        look = Look(manifest, log: false);
        var trust = TrustLock.Read(folder);
        foreach (var (file, check, origin) in look.Unrecorded)
        {
            look.Found[file.Name] = look.Found[file.Name] with { Match = Record(trust, file, check, origin, look.Found[file.Name].Match) };
        }

        var missing = look.Missing.ToList();
        if (missing.Count > 0 && manifest.Archive is { } archive && missing.Any(f => archive.Members.Values.Contains(f.Name)))
        {
            await ExtractAsync(manifest, archive, folder, trust, missing, look.Found, cancellationToken).ConfigureAwait(false);
        }

        if (missing.Count > 0 && Offline)
        {
            throw new DatasetException(DatasetMessages.Offline(manifest, folder, Wanted(manifest, missing), look.Rejected));
        }

        foreach (var file in missing.ToArray())
        {
            if (DebianPackageExtractor.TryExtract(manifest, file, folder, trust, Log) is { } unpacked)
            {
                look.Found[file.Name] = unpacked;
                missing.Remove(file);
            }
        }

        var downloader = new MirrorDownloader(RequestTimeout, Download, Log);
        foreach (var file in missing)
        {
            var (resolved, check) = await downloader.DownloadAsync(manifest, file, folder, path => FileCheck.Of(file, path, trust), cancellationToken).ConfigureAwait(false);
            look.Found[file.Name] = resolved with { Match = Record(trust, file, check, resolved.DownloadedFrom!, resolved.Match) };
        }

        return Result(manifest, look.Found);
    }

    /// <returns>The pin made from the new record for a file with no published hash, else <paramref name="current"/>.</returns>
    private static PinnedHash Record(TrustLock trust, DatasetFile file, FileCheck check, string origin, PinnedHash current)
    {
        // Files with a pinned SHA-256 need no record; a record for them would only be a second, weaker copy of the pin.
        if (!check.Unrecorded || !file.RecordsSha256)
        {
            return current;
        }

        var record = new TrustRecord(check.Hashes!.Sha256, check.Hashes.Size, DateTimeOffset.UtcNow, origin);
        trust.Record(file.Name, record);
        return file.IsTrustOnFirstUse ? FileCheck.PinFrom(record, trust) : current;
    }

    private static ResolvedDataset Result(DatasetManifest manifest, Dictionary<string, ResolvedFile> found) =>
        new(manifest, manifest.Files.ToDictionary(f => f.Name, f => found[f.Name], StringComparer.Ordinal));

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot create the cache folder {folder}: {e.Message}. Make it writable, or set {DataVariable} to a writable folder.", e);
        }
    }

    private static bool IsOn(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
