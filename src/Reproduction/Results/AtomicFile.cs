using System.Text;

namespace Repro.Reproduction.Results;

/// <summary>
/// Replaces a file in one step: the text goes to a temporary file in the same folder (so the
/// rename stays on one file system and is atomic), reaches the disk, and is then renamed over the
/// target. Readers, and a restart after a power loss, see the old file or the new one, never half of
/// one, and a failure at any point removes the temporary file, so nothing is left behind.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private const string TemporarySuffix = ".tmp";

    /// <summary>The temporary files that writes of <paramref name="path"/> cut short by a kill left in its folder.</summary>
    public static IEnumerable<string> Leftovers(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, $".{Path.GetFileName(fullPath)}.*{TemporarySuffix}") : [];
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8NoBom, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                // On disk before the rename: after a power loss the target is the old file or the whole new one.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
