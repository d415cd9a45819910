using System.Security.Cryptography;

namespace Repro.Reproduction.Store;

/// <summary>
/// The digests of one file, computed in a single pass. MD5 only when a pin needs it, because hashing twice costs
/// time on the 160 MiB CIFAR-10 archive.
/// </summary>
public sealed record FileHashes(string Sha256, string? Md5, long Size)
{
    public static FileHashes Of(string path, bool withMd5)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var md5 = withMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
            var buffer = new byte[1 << 16];
            long size = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                md5?.AppendData(buffer, 0, read);
                size += read;
            }

            return new FileHashes(Convert.ToHexStringLower(sha.GetHashAndReset()), md5 is null ? null : Convert.ToHexStringLower(md5.GetHashAndReset()), size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot read {path} to check its hash: {e.Message}. Check that the file is readable, or delete it so that it is fetched again.", e);
        }
    }
}
