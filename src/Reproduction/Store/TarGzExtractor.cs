using System.Formats.Tar;
using System.IO.Compression;

namespace Repro.Reproduction.Store;

/// <summary>
/// Takes the wanted members out of a tar.gz archive. An archive is input from the network, so any entry that could
/// write outside the target folder or alias another file (a path with "..", an absolute path, a symbolic or hard
/// link) makes the whole archive unacceptable, and nothing is extracted from it. Members are written under
/// temporary names and handed back unpublished: the caller verifies them before giving them their final names.
/// </summary>
internal static class TarGzExtractor
{
    /// <param name="members">Member path inside the archive → the bare file name it becomes.</param>
    /// <returns>File name → the temporary path holding its bytes, for every member found.</returns>
    public static Dictionary<string, string> Extract(string archivePath, IReadOnlyDictionary<string, string> members, string targetFolder)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                Check(entry, archivePath);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !members.TryGetValue(TarMember.Normalise(entry.Name), out var name))
                {
                    continue;
                }

                if (written.ContainsKey(name))
                {
                    throw new DatasetException($"{archivePath} is rejected: its member '{entry.Name}' appears twice, so which copy is meant is unclear; nothing was extracted.");
                }

                // The name comes from the manifest (a bare file name), never from the archive.
                var temp = Path.Combine(targetFolder, $".{name}.{Guid.NewGuid():N}.extracting");
                written[name] = temp;
                using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                entry.DataStream?.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            return written;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or DatasetException)
        {
            foreach (var temp in written.Values)
            {
                File.Delete(temp);
            }

            throw e as DatasetException ?? new DatasetException($"Cannot extract {archivePath}: {e.Message}. Delete it so that it is fetched again.", e);
        }
    }

    private static void Check(TarEntry entry, string archivePath)
    {
        if (TarMember.Unsafe(entry) is { } why)
        {
            throw new DatasetException($"{archivePath} is rejected: its member '{entry.Name}' is unsafe ({why}); nothing was extracted. Delete the archive and fetch it again from a trusted mirror.");
        }
    }
}
