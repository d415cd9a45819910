using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Copies the run records of other run caches (shards trained elsewhere) into one. Records are content-addressed, so a key
/// held twice must hold the same numbers: then the copy is silent. Different numbers under one key mean two engines that
/// claim one fingerprint, which no merge can settle: that is a conflict, named by both files. Only verified records are
/// copied; a file that fails verification is named and its training counts as missing.
/// </summary>
public static class RunRecordMerge
{
    /// <param name="Copied">Records new to the target.</param>
    /// <param name="Conflicts">"key: file A and file B differ in …", one per conflicting key.</param>
    /// <param name="Rejected">Files that fail verification, with the reason.</param>
    public sealed record Outcome(int Copied, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Rejected);

    // What a record says of its training's numbers; the rest is bookkeeping that depends on how a batch ran.
    private static readonly string[] Bookkeeping = ["seconds", "first_requested_by", "trained_by"];

    public static Outcome Into(RunCache target, IEnumerable<RunCache> sources)
    {
        var copied = 0;
        var conflicts = new List<string>();
        var rejected = new List<string>();
        // The file each copied record came from, which a conflict names rather than its copy.
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var key in source.Keys())
            {
                var record = source.Find(key, out var rejection);
                if (record is null)
                {
                    rejected.Add(rejection!);
                    continue;
                }

                var held = target.Find(key, out _);
                if (held is null)
                {
                    target.Store(record);
                    origins[key] = source.PathOf(key);
                    copied++;
                }
                else if (Differences(held, record) is { Count: > 0 } differences)
                {
                    conflicts.Add($"run {key}: {origins.GetValueOrDefault(key, target.PathOf(key))} and {source.PathOf(key)} differ in {string.Join(", ", differences)}; "
                                  + "two engines claim one fingerprint, so neither can stand for the other: find which machine's engine fingerprint misses what sets it apart");
                }
            }
        }

        return new Outcome(copied, conflicts, rejected);
    }

    /// <summary>The fields whose numbers differ (wall-clock times and bookkeeping aside).</summary>
    internal static List<string> Differences(RunRecord a, RunRecord b)
    {
        var (mine, theirs) = (Numbers(a), Numbers(b));
        return mine.Select(p => p.Key).Where(name => !JsonNode.DeepEquals(mine[name], theirs[name])).ToList();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    private static JsonObject Numbers(RunRecord record)
    {
        var json = JsonSerializer.SerializeToNode(record with { History = record.History.Select(e => e with { Seconds = 0 }).ToList() }, RunRecord.Json)!.AsObject();
        foreach (var field in Bookkeeping) json.Remove(field);
        return json;
    }
}
