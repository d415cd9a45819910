namespace Repro.Reproduction.Store;

/// <summary>
/// Everything needed to find and trust a dataset: its files with pinned hashes, the mirrors to download from
/// (tried in order), the system folders and Debian packages to look in, and the archive to extract from. Data,
/// not behaviour, so tests can point it at fixtures.
/// </summary>
public sealed record DatasetManifest
{
    public DatasetManifest(string id, IReadOnlyList<DatasetFile> files, IReadOnlyList<string> mirrors, IReadOnlyList<SystemFolder> systemFolders)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentNullException.ThrowIfNull(systemFolders);
        if (id != Path.GetFileName(id) || id is "." or "..")
        {
            throw new ArgumentException($"Dataset id '{id}' is used as a folder name and must not contain path separators.", nameof(id));
        }

        if (files.Count == 0)
        {
            throw new ArgumentException($"Dataset '{id}' has no files.", nameof(files));
        }

        Id = id;
        Files = files;
        // Relative resolution against "http://host/a/b" would drop "b"; a trailing slash keeps the whole base.
        Mirrors = mirrors.Select(m => m.EndsWith('/') ? m : m + "/").ToArray();
        SystemFolders = systemFolders;
    }

    public string Id { get; }

    public IReadOnlyList<DatasetFile> Files { get; }

    /// <summary>Base addresses ending in '/'; a file's address is the base followed by its name.</summary>
    public IReadOnlyList<string> Mirrors { get; }

    public IReadOnlyList<SystemFolder> SystemFolders { get; }

    /// <summary>What `repro data list` and messages call it, e.g. "CIFAR-10".</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>
    /// The files are extracted from this archive when they are not found as such (the mirrors then serve the
    /// archive, not the files).
    /// </summary>
    public ArchiveSource? Archive { get; init; }

    /// <summary>Packages to unpack a missing file from when they are not installed (never in offline mode).</summary>
    public IReadOnlyList<DebianPackageSource> DebianPackages { get; init; } = [];

    /// <summary>
    /// The build's unit and regression tests need it, so `repro data fetch` without ids fails when it is missing;
    /// the others may be unobtainable on a machine without general network access.
    /// </summary>
    public bool RequiredForTests { get; init; }

    /// <summary>The id of the full dataset when this one is only part of it; results on it must never be compared with the full set's.</summary>
    public string? SubsetOf { get; init; }

    public bool IsSubset => SubsetOf is not null;

    /// <summary>The name shown to people: <see cref="Title"/>, else the id.</summary>
    public string DisplayName => Title.Length > 0 ? Title : Id;

    public DatasetFile File(string name) =>
        Files.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"Dataset '{Id}' has no file named '{name}'.", nameof(name));
}
