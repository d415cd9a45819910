using System.Text;

namespace Repro.Reproduction.Results;

/// <summary>
/// Replaces a file in one step: the text goes to a temporary file in the same folder (so the
/// rename stays on one file system and is atomic) and is then renamed over the target. Readers
/// see the old file or the new one, never half of one, and a failure at any point removes the
/// temporary file, so nothing is left behind.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, string text)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
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
