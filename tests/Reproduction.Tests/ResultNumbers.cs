using System.Text.Json.Nodes;

namespace Repro.Reproduction.Tests;

/// <summary>
/// What two runs of one batch on one engine must agree on bit for bit: a result.json, or a run record, without what a
/// run's timing and moment change (every "seconds", the manifest's "training_seconds" and "started_utc") and a run's
/// "first_requested_by". The shard
/// tests here and the regression project's check of the Test target's sharded pass (which links this file) compare
/// with it, so both drop the same fields.
/// </summary>
internal static class ResultNumbers
{
    /// <summary>The result.json at <paramref name="path"/> without its timing and start time.</summary>
    public static JsonObject OfResult(string path)
    {
        var result = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var manifest = result["manifest"]!.AsObject();
        manifest.Remove("started_utc");
        manifest.Remove("training_seconds");
        foreach (var run in result["runs"]!.AsArray()) OfRun(run!.AsObject());
        return result;
    }

    /// <summary>
    /// A run (a result's or a run record's) without its seconds and without the experiment that first asked for its
    /// training, which depends on what a run cache held before (a record is shared by every experiment that trains the
    /// same), changed in place.
    /// </summary>
    public static JsonObject OfRun(JsonObject run)
    {
        run.Remove("seconds");
        run.Remove("first_requested_by");
        foreach (var epoch in run["history"]!.AsArray()) epoch!.AsObject().Remove("seconds");
        return run;
    }

    /// <summary>
    /// Where <paramref name="actual"/> differs from <paramref name="expected"/>, one line per value ("$.runs[2].evaluation_loss:
    /// 0.25 ≠ 0.2500000001"), at most <paramref name="limit"/>; empty when equal. Numbers compare as the text Repro wrote,
    /// the shortest that reads back as the same double, so equal text is equal bits.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, int limit = 20)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences, limit);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences, int limit)
    {
        if (differences.Count >= limit) return;
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key))
                    {
                        if (differences.Count < limit) differences.Add($"{path}.{key}: {(e.ContainsKey(key) ? "missing from the second" : "missing from the first")}");
                    }
                    else
                    {
                        Compare(e[key], a[key], $"{path}.{key}", differences, limit);
                    }
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++) Compare(e[i], a[i], $"{path}[{i}]", differences, limit);
                break;
            case (JsonArray e, JsonArray a):
                differences.Add($"{path}: {e.Count} item(s) ≠ {a.Count}");
                break;
            default:
                var (expectedText, actualText) = (expected?.ToJsonString() ?? "null", actual?.ToJsonString() ?? "null");
                if (expectedText != actualText) differences.Add($"{path}: {expectedText} ≠ {actualText}");
                break;
        }
    }
}
