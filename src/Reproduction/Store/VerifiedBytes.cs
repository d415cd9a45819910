namespace Repro.Reproduction.Store;

/// <summary>
/// Reads a resolved file and hashes the very bytes that get parsed: the store verified the file a moment ago, but
/// it could have been replaced since, and parsing unverified bytes is what the pinning exists to prevent.
/// </summary>
internal static class VerifiedBytes
{
    public static byte[] Read(ResolvedFile file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot read {file.Path}: {e.Message}. Check that it is readable.", e);
        }

        var actual = Sha256Hex.Of(bytes);
        if (actual != file.Sha256)
        {
            throw new DatasetException($"{file.Path} changed while it was being loaded (SHA-256 {file.Sha256} when verified, {actual} when read). Make sure nothing else writes to it, then load again.");
        }

        return bytes;
    }
}
