namespace Repro.Reproduction.Data;

/// <summary>
/// Everything needed to find and trust a dataset: its files with pinned hashes, the mirrors to download from
/// (tried in order) and the system folders to look in. Data, not behaviour, so tests can point it at fixtures.
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

    public DatasetFile File(string name) =>
        Files.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"Dataset '{Id}' has no file named '{name}'.", nameof(name));
}
