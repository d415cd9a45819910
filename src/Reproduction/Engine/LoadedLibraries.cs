namespace Repro.Reproduction.Engine;

/// <summary>The shared libraries mapped into this process, by real path (/proc/self/maps resolves every symlink and alternative).</summary>
internal static class LoadedLibraries
{
    private const string Maps = "/proc/self/maps";

    /// <summary>The first loaded library whose file name matches, or null (none loaded, or no /proc).</summary>
    public static string? Find(Func<string, bool> fileName)
    {
        if (!File.Exists(Maps)) return null;
        return File.ReadLines(Maps)
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 6 && parts[5].StartsWith('/'))
            .Select(parts => parts[5].Trim())
            .FirstOrDefault(path => fileName(Path.GetFileName(path)));
    }
}
