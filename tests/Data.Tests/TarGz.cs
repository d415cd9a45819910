using System.Formats.Tar;
using System.IO.Compression;

namespace Repro.Data.Tests;

/// <summary>Builds tar.gz archives in memory, including the unsafe entries a hostile archive could carry.</summary>
internal static class TarGz
{
    public static byte[] Build(IEnumerable<TarEntry> entries)
    {
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

    public static TarEntry Symlink(string name, string target) =>
        new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target };
}
