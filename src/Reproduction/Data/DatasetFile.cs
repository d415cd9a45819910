namespace Repro.Reproduction.Data;

/// <summary>A file of a dataset: its name (in the cache, system folders and mirrors alike) and its pinned hashes.</summary>
public sealed record DatasetFile
{
    public DatasetFile(string name, IReadOnlyList<PinnedHash> hashes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hashes);
        if (name != Path.GetFileName(name))
        {
            throw new ArgumentException($"'{name}' must be a bare file name, without folders.", nameof(name));
        }

        if (hashes.Count == 0)
        {
            throw new ArgumentException($"{name}: at least one pinned SHA-256 is needed; an unpinned file cannot be verified.", nameof(hashes));
        }

        Name = name;
        Hashes = hashes;
    }

    public string Name { get; }

    public IReadOnlyList<PinnedHash> Hashes { get; }

    /// <summary>The pinned hash equal to <paramref name="sha256"/>, or null when the file is not one we accept.</summary>
    public PinnedHash? Match(string sha256) =>
        Hashes.FirstOrDefault(h => string.Equals(h.Sha256, sha256, StringComparison.OrdinalIgnoreCase));
}
