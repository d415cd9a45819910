using System.Security.Cryptography;

namespace Repro.Reproduction.Data;

/// <summary>SHA-256 as lower-case hex, the form sha256sum prints and the manifests pin.</summary>
internal static class Sha256Hex
{
    public static bool IsValid(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot read {path} to check its SHA-256: {e.Message}. Check that the file is readable, or delete it so that it is fetched again.", e);
        }
    }
}
