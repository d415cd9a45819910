using System.Security.Cryptography;

namespace Repro.Reproduction.Store;

/// <summary>SHA-256 as lower-case hex, the form sha256sum prints and the manifests pin.</summary>
internal static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
