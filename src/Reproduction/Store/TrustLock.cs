using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Repro.Reproduction.Store;

/// <summary>
/// `&lt;cache&gt;/&lt;id&gt;/repro-lock.json`: trust on first use. For files no publisher gives a SHA-256 for, the
/// SHA-256 of the first copy that passed every other check (size, a published MD5) is written here, and every later
/// copy must equal it, so a silently changed mirror is noticed. Kept with the cache because it vouches for the
/// cache's bytes; deleting it (with the files) starts over. Written only under the dataset's <see cref="DatasetLock"/>.
/// </summary>
public sealed class TrustLock
{
    public const string FileName = "repro-lock.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string _path;
    private readonly Dictionary<string, TrustRecord> _records;

    private TrustLock(string path, Dictionary<string, TrustRecord> records)
    {
        _path = path;
        _records = records;
    }

    public string Path => _path;

    public IReadOnlyDictionary<string, TrustRecord> Records => _records;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public static TrustLock Read(string cacheFolder)
    {
        var path = System.IO.Path.Combine(cacheFolder, FileName);
        if (!File.Exists(path))
        {
            return new TrustLock(path, new Dictionary<string, TrustRecord>(StringComparer.Ordinal));
        }

        try
        {
            var records = JsonSerializer.Deserialize<Dictionary<string, TrustRecord>>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty document");
            return new TrustLock(path, new Dictionary<string, TrustRecord>(records, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DatasetException($"Cannot read the trust-on-first-use record {path}: {e.Message}. Delete it together with the dataset's files in that folder and fetch again.", e);
        }
    }

    public TrustRecord? Find(string fileName) => _records.GetValueOrDefault(fileName);

    /// <summary>Adds a record and rewrites the file atomically (temporary file, then rename), so a crash leaves the old one.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public void Record(string fileName, TrustRecord record)
    {
        _records[fileName] = record;
        var temp = $"{_path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_records, Json));
        File.Move(temp, _path, overwrite: true);
    }
}
