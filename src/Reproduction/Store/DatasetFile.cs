namespace Repro.Reproduction.Store;

/// <summary>
/// A file of a dataset: its name (in the cache, system folders and mirrors alike), its pinned hashes and, where
/// known, its size. A file with no pinned SHA-256 is trusted on first use: the SHA-256 of the first copy that passes
/// the other checks (an MD5 pin, where one is published) is recorded in the cache's lock file and every later copy must equal it.
/// </summary>
public sealed record DatasetFile
{
    public DatasetFile(string name, IReadOnlyList<PinnedHash> hashes, long? size = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hashes);
        if (name != Path.GetFileName(name))
        {
            throw new ArgumentException($"'{name}' must be a bare file name, without folders.", nameof(name));
        }

        if (size is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"{name}: a known size must be positive.");
        }

        Name = name;
        Hashes = hashes;
        Size = size;
    }

    public string Name { get; }

    public IReadOnlyList<PinnedHash> Hashes { get; }

    /// <summary>The exact length in bytes, when published; checked before any hash.</summary>
    public long? Size { get; }

    /// <summary>No public hash exists: the first verified copy's SHA-256 is recorded and enforced afterwards.</summary>
    public bool IsTrustOnFirstUse => Hashes.Count == 0;

    /// <summary>
    /// No SHA-256 is published (no hash at all, or only an MD5, which proves little against a deliberate change): the
    /// first verified copy's SHA-256 is recorded and every later copy must equal it as well.
    /// </summary>
    public bool RecordsSha256 => !Hashes.Any(h => h.Algorithm == HashAlgorithmKind.Sha256);

    /// <summary>Whether hashing a copy must compute MD5 as well as SHA-256.</summary>
    public bool NeedsMd5 => Hashes.Any(h => h.Algorithm == HashAlgorithmKind.Md5);

    /// <summary>The SHA-256 pin equal to <paramref name="sha256"/>, or null when the file is not one we accept.</summary>
    public PinnedHash? Match(string sha256) =>
        Hashes.FirstOrDefault(h => h.Algorithm == HashAlgorithmKind.Sha256 && string.Equals(h.Value, sha256, StringComparison.OrdinalIgnoreCase));

    /// <summary>The pin (of any algorithm) that <paramref name="hashes"/> satisfy, or null.</summary>
    public PinnedHash? Match(FileHashes hashes) => Hashes.FirstOrDefault(h => h.Matches(hashes));

    /// <summary>"sha256 … or md5 …", or "none published (trust on first use)".</summary>
    public string PinsText => IsTrustOnFirstUse ? "none published (trust on first use)" : string.Join(" or ", Hashes.Select(h => h.Display));
}
