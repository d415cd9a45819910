using System.Formats.Tar;

namespace Repro.Reproduction.Store;

/// <summary>
/// What every tar archive Repro reads (a dataset from the network, results from another machine) must hold to be
/// extracted: no member that could write outside the target folder or alias another file. An archive with one such
/// member is refused whole.
/// </summary>
internal static class TarMember
{
    /// <summary>The member's path without the "./" that `tar -C folder .` puts before every name.</summary>
    public static string Normalise(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;

    /// <summary>Why <paramref name="entry"/> must not be extracted (a link, an absolute path, a path with ".."), or null when it is safe.</summary>
    public static string? Unsafe(TarEntry entry)
    {
        var name = entry.Name;
        return entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? $"it is a {(entry.EntryType == TarEntryType.SymbolicLink ? "symbolic" : "hard")} link to '{entry.LinkName}'"
            : name.StartsWith('/') || name.StartsWith('\\') || Path.IsPathRooted(name) ? "its path is absolute"
            : name.Split('/', '\\').Contains("..") ? "its path climbs out of the folder with '..'"
            : null;
    }
}
