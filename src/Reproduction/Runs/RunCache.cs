using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Reproduction.Results;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Run records by key under artifacts/cache/runs: a later request for a run with the same key
/// (same definition, seed, fold, data and engine) reuses the stored numbers instead of training.
/// A record is verified before it is reused, never trusted: its checksum, its key, and then
/// <see cref="RunRecordCheck"/> (finite numbers, scores that agree with the confusion matrix).
/// A file that fails is rejected with the reason; the run is trained again and stored over it.
/// </summary>
public sealed class RunCache(string folder)
{
    public static RunCache Default() => new(Path.Combine(RepositoryPaths.Artifacts, "cache", "runs"));

    public string Folder { get; } = folder;

    /// <summary>The verified record of <paramref name="key"/>, or null when there is none that can be reused.</summary>
    /// <param name="key">The run key.</param>
    /// <param name="rejection">Set when a file exists but cannot be reused: its path and what is wrong with it.</param>
    public RunRecord? Find(string key, out string? rejection)
    {
        var path = PathOf(key);
        rejection = null;
        if (!File.Exists(path)) return null;
        var (record, problem) = Read(path, key);
        if (problem is not null) rejection = $"{path}: {problem}";
        return record;
    }

    /// <summary>Writes <paramref name="record"/> with its checksum, atomically (<see cref="AtomicFile"/>).</summary>
    /// <exception cref="InvalidOperationException">The record fails <see cref="RunRecordCheck"/>; nothing is written.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public void Store(RunRecord record)
    {
        if (RunRecordCheck.Problems(record) is { Count: > 0 } problems)
            throw new InvalidOperationException($"its numbers are unusable ({string.Join("; ", problems)}), so run {record.Key} is not stored");
        var fields = JsonSerializer.SerializeToNode(record, RunRecord.Json)!.AsObject();
        fields[RunRecordChecksum.Field] = RunRecordChecksum.Of(record);
        AtomicFile.Write(PathOf(record.Key), fields.ToJsonString(RunRecord.Json));
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    private static (RunRecord? Record, string? Problem) Read(string path, string key)
    {
        RunRecord record;
        string? checksum;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject fields) return (null, "not a JSON object (corrupted)");
            checksum = fields[RunRecordChecksum.Field]?.GetValue<string>();
            fields.Remove(RunRecordChecksum.Field);
            record = fields.Deserialize<RunRecord>(RunRecord.Json)!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return (null, $"unreadable, truncated or corrupted ({e.Message})");
        }

        if (checksum is null) return (null, "no checksum (written before Repro verified its run cache)");
        if (checksum != RunRecordChecksum.Of(record)) return (null, "checksum mismatch (edited or corrupted)");
        if (record.Key != key) return (null, $"holds run {record.Key}, not {key}");
        return RunRecordCheck.Problems(record) is { Count: > 0 } problems ? (null, string.Join("; ", problems)) : (record, null);
    }

    /// <summary>The keys of every file in the cache, readable or not.</summary>
    public IEnumerable<string> Keys() => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)
        : [];

    public string PathOf(string key) => Path.Combine(Folder, key + ".json");
}
