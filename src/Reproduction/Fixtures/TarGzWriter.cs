using System.Formats.Tar;
using System.IO.Compression;

namespace Repro.Reproduction.Fixtures;

/// <summary>Builds tar.gz archives in memory, as the CIFAR-10 archive is published.</summary>
public static class TarGzWriter
{
    public static byte[] Build(IEnumerable<TarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        return memory.ToArray();
    }

    public static TarEntry File(string name, byte[] bytes) =>
        new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) };
}
