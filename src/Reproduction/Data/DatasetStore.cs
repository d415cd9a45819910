namespace Repro.Reproduction.Data;

/// <summary>
/// Finds verified dataset files: first the user cache, then the manifest's system folders, then the mirrors
/// (downloading into the cache). Every file's SHA-256 is checked on every load, wherever it came from.
/// </summary>
/// <remarks>
/// A cache file with a wrong hash is an error rather than a reason to look elsewhere: the cache is ours, so a bad
/// file there means something went wrong that the user should know about, and silently re-downloading would hide it.
/// A system file with a wrong hash is only a warning, because the user cannot easily replace a package's files.
/// </remarks>
public sealed class DatasetStore
{
    public const string DataVariable = "REPRO_DATA";
    public const string OfflineVariable = "REPRO_OFFLINE";

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <param name="cacheRoot">Holds one folder per dataset id.</param>
    /// <param name="offline">When true nothing is downloaded; missing files are an error.</param>
    /// <param name="requestTimeout">How long a download may wait for a response or for the next bytes.</param>
    /// <param name="log">Progress and warnings; standard error when null.</param>
    public DatasetStore(string cacheRoot, bool offline = false, TimeSpan? requestTimeout = null, TextWriter? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheRoot);
        var timeout = requestTimeout ?? DefaultRequestTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(requestTimeout));
        CacheRoot = Path.GetFullPath(cacheRoot);
        Offline = offline;
        RequestTimeout = timeout;
        Log = log ?? Console.Error;
    }

    public string CacheRoot { get; }

    public bool Offline { get; }

    public TimeSpan RequestTimeout { get; }

    public TextWriter Log { get; }

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

    public DatasetStore WithOffline(bool offline) => new(CacheRoot, offline, RequestTimeout, Log);

    public string CacheFolder(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Path.Combine(CacheRoot, manifest.Id);
    }

    public ResolvedDataset Resolve(DatasetManifest manifest) => ResolveAsync(manifest).GetAwaiter().GetResult();

    public async Task<ResolvedDataset> ResolveAsync(DatasetManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var found = new Dictionary<string, ResolvedFile>(StringComparer.Ordinal);
        var corrupt = new List<FileInspection>();
        var rejected = new List<FileInspection>();
        var missing = new List<DatasetFile>();
        foreach (var file in manifest.Files)
        {
            var cached = Examine(file, Path.Combine(CacheFolder(manifest), file.Name), FileSource.Cache, manifest.Id);
            if (cached.Status == FileStatus.Corrupt)
            {
                corrupt.Add(cached);
                continue;
            }

            var usable = cached.Status == FileStatus.Present ? cached : FindInSystemFolders(manifest, file, rejected);
            if (usable is null)
            {
                missing.Add(file);
            }
            else
            {
                found[file.Name] = ToResolved(usable);
            }
        }

        if (corrupt.Count > 0)
        {
            throw new DatasetException(DatasetMessages.CorruptFiles(manifest, corrupt));
        }

        if (missing.Count > 0 && Offline)
        {
            throw new DatasetException(DatasetMessages.Offline(manifest, CacheFolder(manifest), missing, rejected));
        }

        var downloader = new MirrorDownloader(RequestTimeout, Log);
        foreach (var file in missing)
        {
            found[file.Name] = await downloader.DownloadAsync(manifest, file, CacheFolder(manifest), cancellationToken).ConfigureAwait(false);
        }

        return new ResolvedDataset(manifest, manifest.Files.ToDictionary(f => f.Name, f => found[f.Name], StringComparer.Ordinal));
    }

    /// <summary>What each file's status is right now, looking only at the disk (never downloads, never throws for a bad file).</summary>
    public IReadOnlyList<FileInspection> Inspect(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Files.Select(file => Inspect(manifest, file)).ToArray();
    }

    private FileInspection Inspect(DatasetManifest manifest, DatasetFile file)
    {
        var cached = Examine(file, Path.Combine(CacheFolder(manifest), file.Name), FileSource.Cache, manifest.Id);
        if (cached.Status != FileStatus.Missing)
        {
            return cached;
        }

        var system = manifest.SystemFolders
            .Select(folder => Examine(file, Path.Combine(folder.Path, file.Name), FileSource.System, manifest.Id))
            .Where(inspection => inspection.Status != FileStatus.Missing)
            .ToArray();
        return system.FirstOrDefault(s => s.Status == FileStatus.Present) ?? system.FirstOrDefault() ?? cached;
    }

    private FileInspection? FindInSystemFolders(DatasetManifest manifest, DatasetFile file, List<FileInspection> rejected)
    {
        foreach (var folder in manifest.SystemFolders)
        {
            var inspection = Examine(file, Path.Combine(folder.Path, file.Name), FileSource.System, manifest.Id);
            if (inspection.Status == FileStatus.Present)
            {
                return inspection;
            }

            if (inspection.Status == FileStatus.Corrupt)
            {
                Log.WriteLine(DatasetMessages.RejectedSystemFile(inspection));
                rejected.Add(inspection);
            }
        }

        return null;
    }

    private static FileInspection Examine(DatasetFile file, string path, FileSource source, string datasetId)
    {
        if (!File.Exists(path))
        {
            return new FileInspection(datasetId, file, FileStatus.Missing, null, path, null, null);
        }

        var sha256 = Sha256Hex.OfFile(path);
        var status = file.Match(sha256) is null ? FileStatus.Corrupt : FileStatus.Present;
        return new FileInspection(datasetId, file, status, source, path, new FileInfo(path).Length, sha256);
    }

    private static ResolvedFile ToResolved(FileInspection inspection) =>
        new(inspection.File.Name, inspection.Path!, inspection.Sha256!, inspection.Source!.Value, inspection.File.Match(inspection.Sha256!)!);

    private static bool IsOn(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
