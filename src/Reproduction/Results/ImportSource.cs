using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Results;

/// <summary>
/// What `repro import` reads: the artifacts folder of another machine, or a .tar.gz of one, packed as
/// <see cref="PackCommand"/> does. Its layout is an artifacts folder's: results/&lt;class&gt;/&lt;profile&gt;/&lt;id&gt;/result.json
/// and, optionally, the run records in cache/runs/&lt;key&gt;.json; nothing else is read. An archive is extracted into a
/// temporary folder, whole or not at all, before anything is checked: a member that is a link, has an absolute path
/// or climbs out with "..", or a file that is not a readable tar.gz, refuses it.
/// </summary>
public sealed class ImportSource : IDisposable
{
    /// <summary>How a machine packs its results and run records for `repro import`.</summary>
    public const string PackCommand = "tar czf results.tar.gz -C artifacts results cache/runs";

    private const string ResultFileName = "result.json";

    private readonly string? temporary;

    private ImportSource(string input, string folder, string? temporary)
    {
        Input = input;
        Folder = folder;
        this.temporary = temporary;
        var results = Path.Combine(folder, "results");
        ResultFiles = Directory.Exists(results)
            ? Directory.EnumerateFiles(results, ResultFileName, SearchOption.AllDirectories)
                .Where(f => Path.GetRelativePath(results, f).Split(Path.DirectorySeparatorChar).Length == 4)
                .Order(StringComparer.Ordinal).ToList()
            : [];
        var records = Runs.Keys().Select(Runs.PathOf).ToHashSet(StringComparer.Ordinal);
        Ignored = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !records.Contains(f) && !ResultFiles.Contains(f))
            .Select(f => Path.GetRelativePath(folder, f))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The archive or folder as given.</summary>
    public string Input { get; }

    /// <summary>The artifacts folder: the one given, or where the archive was extracted.</summary>
    public string Folder { get; }

    /// <summary>Its results/&lt;class&gt;/&lt;profile&gt;/&lt;id&gt;/result.json files.</summary>
    public IReadOnlyList<string> ResultFiles { get; }

    /// <summary>Its run records (cache/runs), none when it has none.</summary>
    public RunCache Runs => new(Path.Combine(Folder, "cache", "runs"));

    /// <summary>Its other files, relative to <see cref="Folder"/>: not imported.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>
    /// <paramref name="text"/> with each path in the extracted copy of an archive named as the archive's member
    /// ("results.tar.gz:results/cpu/…"), since that copy is gone once the import ends.
    /// </summary>
    public string Show(string text) => temporary is null ? text : text.Replace(temporary + Path.DirectorySeparatorChar, $"{Input}:", StringComparison.Ordinal);

    /// <summary>Opens a folder, or extracts an archive.</summary>
    /// <exception cref="InvalidDataException">It does not exist, is not a readable tar.gz, holds an unsafe member, or holds neither a result nor a run record; the message says which and what to do.</exception>
    public static ImportSource Open(string input)
    {
        var path = Path.GetFullPath(input);
        ImportSource source;
        if (Directory.Exists(path)) source = new ImportSource(input, path, null);
        else if (File.Exists(path)) source = Extract(input, path);
        else throw new InvalidDataException($"{path} does not exist: give a .tar.gz made with `{PackCommand}` on the machine that ran, or its artifacts folder.");

        // Run records alone are worth importing: the trainings that finished of a batch that did not (their results
        // come with a later run, which then reuses them).
        var records = Path.Combine(source.Folder, "cache", "runs");
        if (source.ResultFiles.Count == 0 && !(Directory.Exists(records) && Directory.EnumerateFiles(records, "*.json").Any()))
        {
            var top = Directory.EnumerateFileSystemEntries(source.Folder).Select(e => Path.GetFileName(e) + (Directory.Exists(e) ? "/" : "")).Order(StringComparer.Ordinal).ToList();
            source.Dispose();
            throw new InvalidDataException($"{path} holds no results/<class>/<profile>/<id>/{ResultFileName} and no cache/runs/<key>.json (its top level: {(top.Count == 0 ? "nothing" : string.Join(", ", top))}); "
                                           + $"pack the machine's artifacts folder with `{PackCommand}`.");
        }

        return source;
    }

    private static ImportSource Extract(string input, string archive)
    {
        var folder = Directory.CreateTempSubdirectory("repro-import-").FullName;
        var tarFile = folder + ".tar";
        string? refusal;
        try
        {
            Decompress(archive, tarFile);
            refusal = Unpack(tarFile, folder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            Directory.Delete(folder, recursive: true);
            throw new InvalidDataException($"{archive} is not a readable .tar.gz ({e.Message}); nothing of it was imported. Pack the results again with `{PackCommand}`.", e);
        }
        finally
        {
            File.Delete(tarFile);
        }

        if (refusal is null) return new ImportSource(input, folder, folder);
        Directory.Delete(folder, recursive: true);
        throw new InvalidDataException($"{archive} is refused: {refusal}; nothing of it was imported. Pack the results again with `{PackCommand}`.");
    }

    /// <summary>Un-gzips <paramref name="archive"/> into <paramref name="tarFile"/>, checking that nothing of it is missing.</summary>
    /// <exception cref="InvalidDataException">It is not gzip, is damaged, or was cut short.</exception>
    private static void Decompress(string archive, string tarFile)
    {
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long length;
        using (var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true))
        using (var tar = new FileStream(tarFile, FileMode.CreateNew, FileAccess.Write))
        {
            gzip.CopyTo(tar);
            length = tar.Length;
        }

        // GZipStream ends quietly where a file cut short in transfer ends; a whole one ends with its length (mod 2^32).
        var trailer = new byte[4];
        file.Seek(-trailer.Length, SeekOrigin.End);
        file.ReadExactly(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != (uint)length)
            throw new InvalidDataException($"it ends before its gzip stream does: {length} bytes came out, and its last bytes are no gzip trailer; was it cut short in transfer?");
    }

    /// <summary>Extracts every file of <paramref name="tarFile"/> into <paramref name="folder"/>; why the archive is refused, or null.</summary>
    private static string? Unpack(string tarFile, string folder)
    {
        using var tar = new TarReader(File.OpenRead(tarFile));
        while (tar.GetNextEntry() is { } entry)
        {
            if (TarMember.Unsafe(entry) is { } why) return $"its member '{entry.Name}' is unsafe ({why})";
            // Folders come with their files; other kinds (devices, pipes) are nothing a result is made of.
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            var target = Path.Combine(folder, TarMember.Normalise(entry.Name));
            if (File.Exists(target)) return $"its member '{entry.Name}' appears twice, so which copy is meant is unclear";
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            entry.DataStream?.CopyTo(output);
        }

        return null;
    }

    /// <summary>Removes the extracted copy of an archive; a folder given is left as it is.</summary>
    public void Dispose()
    {
        if (temporary is not null && Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
    }
}
