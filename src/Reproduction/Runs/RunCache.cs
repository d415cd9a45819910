using System.Text.Json;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Run records by key under artifacts/cache/runs: a later request for a run with the same key
/// (same definition, seed, fold, data and engine) reuses the stored numbers instead of training.
/// An unreadable record is treated as absent and retrained, never trusted.
/// </summary>
public sealed class RunCache(string folder)
{
    public static RunCache Default() => new(Path.Combine(RepositoryPaths.Artifacts, "cache", "runs"));

    public string Folder { get; } = folder;

    public RunRecord? Find(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), RunRecord.Json);
            return record?.Key == key ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Store(RunRecord record)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(record.Key);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, RunRecord.Json));
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(Folder, key + ".json");
}
