namespace Repro.Reproduction.Data;

/// <summary>
/// One acceptable SHA-256 of a dataset file and where that value comes from. Several may be pinned for one file
/// because the same payload is distributed with different gzip framing (upstream versus a distribution package).
/// </summary>
public sealed record PinnedHash
{
    public PinnedHash(string sha256, string provenance)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        ArgumentException.ThrowIfNullOrWhiteSpace(provenance);
        if (!Sha256Hex.IsValid(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 (64 hexadecimal digits).", nameof(sha256));
        }

        Sha256 = sha256.ToLowerInvariant();
        Provenance = provenance;
    }

    /// <summary>Lower-case hexadecimal, so it compares with <see cref="string.Equals(string?)"/>.</summary>
    public string Sha256 { get; }

    public string Provenance { get; }
}
