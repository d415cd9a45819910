using System.Text.Json;

namespace Repro.Reproduction.Gate;

/// <summary>
/// What the gate reads from a result file: the numeric properties of its top-level "metrics"
/// object (the first seed's), the seed-to-seed spread when several seeds ran, and the experiment
/// version and definition hash it was made from. Everything else in the file is not gated.
/// </summary>
internal sealed record ResultMetrics(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, ResultMetrics.Spread> Spreads,
    IReadOnlyList<ulong> Seeds,
    int? Version,
    string? DefinitionHash)
{
    /// <summary>A metric's sample standard deviation (ddof 1) over <paramref name="Count"/> seeds, and its range.</summary>
    public sealed record Spread(double StandardDeviation, int Count, double Min, double Max);

    public static bool TryRead(string path, string experimentId, out ResultMetrics result, out string error)
    {
        result = new ResultMetrics(new Dictionary<string, double>(), new Dictionary<string, Spread>(), [], null, null);
        var rerun = $"Run ./build.sh Reproduce --experiment {experimentId} to (re)create it.";
        if (!File.Exists(path))
        {
            error = $"FAIL {experimentId}: no result file at {path}. {rerun}";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("metrics", out var section)
                || section.ValueKind != JsonValueKind.Object)
            {
                error = $"FAIL {experimentId}: result file {path} has no top-level \"metrics\" object. {rerun}";
                return false;
            }

            result = new ResultMetrics(Numbers(section), ReadSpreads(root), ReadSeeds(root), ReadVersion(root), ReadHash(root));
            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = $"FAIL {experimentId}: result file {path} is not valid JSON {JsonErrors.Describe(e)}. {rerun}";
            return false;
        }
        catch (IOException e)
        {
            error = $"FAIL {experimentId}: result file {path} cannot be read ({e.Message}). {rerun}";
            return false;
        }
    }

    private static Dictionary<string, double> Numbers(JsonElement section)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in section.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var value))
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    private static Dictionary<string, Spread> ReadSpreads(JsonElement root)
    {
        var spreads = new Dictionary<string, Spread>(StringComparer.Ordinal);
        if (!root.TryGetProperty("seed_spread", out var section) || section.ValueKind != JsonValueKind.Object) return spreads;
        foreach (var property in section.EnumerateObject())
        {
            var numbers = property.Value.ValueKind == JsonValueKind.Object ? Numbers(property.Value) : [];
            if (numbers.TryGetValue("sd", out var sd) && numbers.TryGetValue("n", out var n) && numbers.TryGetValue("min", out var min) && numbers.TryGetValue("max", out var max))
            {
                spreads[property.Name] = new Spread(sd, (int)n, min, max);
            }
        }

        return spreads;
    }

    private static List<ulong> ReadSeeds(JsonElement root) =>
        root.TryGetProperty("seeds", out var seeds) && seeds.ValueKind == JsonValueKind.Array
            ? seeds.EnumerateArray()
                .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("seed", out var seed) && seed.TryGetUInt64(out _))
                .Select(s => s.GetProperty("seed").GetUInt64()).ToList()
            : [];

    private static JsonElement? Experiment(JsonElement root) =>
        root.TryGetProperty("experiment", out var experiment) && experiment.ValueKind == JsonValueKind.Object ? experiment : null;

    private static int? ReadVersion(JsonElement root) =>
        Experiment(root) is { } e && e.TryGetProperty("version", out var v) && v.TryGetInt32(out var version) ? version : null;

    private static string? ReadHash(JsonElement root) =>
        Experiment(root) is { } e && e.TryGetProperty("definition_hash", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
}
