namespace Repro.Reproduction.Store;

/// <summary>
/// One acceptable digest of a dataset file, its algorithm and where that value comes from. Several may be pinned
/// for one file because the same payload is distributed with different gzip framing (upstream versus a
/// distribution package). MD5 is accepted only because some publishers give nothing else; Repro still records
/// the SHA-256 of every file it uses.
/// </summary>
public sealed record PinnedHash
{
    /// <summary>A SHA-256 pin, the usual case.</summary>
    public PinnedHash(string sha256, string provenance)
        : this(HashAlgorithmKind.Sha256, sha256, provenance)
    {
    }

    public PinnedHash(HashAlgorithmKind algorithm, string value, string provenance)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(provenance);
        var digits = algorithm == HashAlgorithmKind.Sha256 ? 64 : 32;
        if (value.Length != digits || !value.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{value}' is not a {algorithm} ({digits} hexadecimal digits).", nameof(value));
        }

        Algorithm = algorithm;
        Value = value.ToLowerInvariant();
        Provenance = provenance;
    }

    public HashAlgorithmKind Algorithm { get; }

    /// <summary>Lower-case hexadecimal, so it compares with <see cref="string.Equals(string?)"/>.</summary>
    public string Value { get; }

    /// <summary>The value when this is a SHA-256 pin, else null.</summary>
    public string? Sha256 => Algorithm == HashAlgorithmKind.Sha256 ? Value : null;

    public string Provenance { get; }

    /// <summary>"sha256 abc…" or "md5 abc…", the way messages and `repro data list` show a pin.</summary>
    public string Display => $"{(Algorithm == HashAlgorithmKind.Sha256 ? "sha256" : "md5")} {Value}";

    /// <summary>Whether <paramref name="hashes"/> (computed from the file) equal this pin.</summary>
    public bool Matches(FileHashes hashes) => Algorithm switch
    {
        HashAlgorithmKind.Sha256 => string.Equals(Value, hashes.Sha256, StringComparison.Ordinal),
        _ => hashes.Md5 is { } md5 && string.Equals(Value, md5, StringComparison.Ordinal),
    };
}
