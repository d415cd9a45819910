namespace Repro.Reproduction.Store;

/// <summary>
/// The verdict on one copy of a dataset file: its size against the published size, then its digests against the
/// pins, and (for a file with no published SHA-256: no hash at all, or an MD5 only) its SHA-256 against the
/// trust-on-first-use record.
/// </summary>
/// <param name="Match">The pin it satisfied; for trust on first use, a SHA-256 pin made from the record (or from this copy when unrecorded).</param>
/// <param name="Unrecorded">No published SHA-256 and no record yet: accepted, and its SHA-256 is to be recorded.</param>
internal sealed record FileCheck(FileStatus Status, FileHashes? Hashes, PinnedHash? Match, string? Trust, string? Reason, bool Unrecorded)
{
    public const string Pinned = "pinned";

    public static FileCheck Of(DatasetFile file, string path, TrustLock trust)
    {
        if (!File.Exists(path))
        {
            return new FileCheck(FileStatus.Missing, null, null, null, null, false);
        }

        var hashes = FileHashes.Of(path, file.NeedsMd5);
        if (file.Size is { } size && hashes.Size != size)
        {
            return Corrupt(hashes, $"its size is {hashes.Size} bytes, not the published {size}");
        }

        var pin = file.Match(hashes);
        if (!file.IsTrustOnFirstUse && pin is null)
        {
            return Corrupt(hashes, null);
        }

        if (!file.RecordsSha256)
        {
            return new FileCheck(FileStatus.Present, hashes, pin, Pinned, null, false);
        }

        // No SHA-256 is published (no hash at all, or only an MD5): the first copy's SHA-256 is recorded and enforced.
        if (trust.Find(file.Name) is not { } record)
        {
            var provisional = pin ?? new PinnedHash(hashes.Sha256, $"trust on first use: no hash is published; this SHA-256 is recorded in {trust.Path}");
            return new FileCheck(FileStatus.Present, hashes, provisional, pin is null ? "first-use (unrecorded)" : Pinned, null, true);
        }

        if (!string.Equals(record.Sha256, hashes.Sha256, StringComparison.Ordinal))
        {
            return Corrupt(hashes, $"the SHA-256 recorded on first use ({record.Recorded:yyyy-MM-dd}, from {record.Origin}) in {trust.Path} is {record.Sha256}");
        }

        return new FileCheck(FileStatus.Present, hashes, pin ?? PinFrom(record, trust), pin is null ? $"first-use {record.Recorded:yyyy-MM-dd}" : $"{Pinned}, sha256 first-use {record.Recorded:yyyy-MM-dd}", null, false);
    }

    /// <summary>A first-use record as a pin, so results name it like any other hash they were checked against.</summary>
    public static PinnedHash PinFrom(TrustRecord record, TrustLock trust) =>
        new(record.Sha256, $"trust on first use: SHA-256 recorded {record.Recorded:yyyy-MM-dd} from {record.Origin} in {trust.Path}");

    private static FileCheck Corrupt(FileHashes hashes, string? reason) => new(FileStatus.Corrupt, hashes, null, null, reason, false);
}
