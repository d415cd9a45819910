using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Reproduction.Results;

namespace Repro.Reproduction.Gate;

/// <summary>
/// The content of baselines/&lt;id&gt;.verified.json (and of its .received.json twin): the numbers
/// an experiment is expected to reproduce, each with the absolute tolerance band written in the
/// file so that a pull-request diff shows any change to what is accepted.
/// </summary>
/// <param name="Experiment">The experiment id; must match the file name.</param>
/// <param name="Version">The experiment version the numbers were obtained with.</param>
/// <param name="DefinitionHash">The hash of the normalised definition they were obtained with: a
/// definition that changed without a version bump no longer hashes to it, and the gate says so.</param>
/// <param name="Profile">The run profile the numbers were obtained with (e.g. "full").</param>
/// <param name="Device">The device the numbers were obtained on (e.g. "cpu").</param>
/// <param name="Bands">How the tolerances were derived, as prose, for the reviewer.</param>
/// <param name="Metrics">The gated metrics by name.</param>
public sealed record Baseline(
    string Experiment,
    int Version,
    string DefinitionHash,
    string Profile,
    string Device,
    string Bands,
    IReadOnlyDictionary<string, MetricBand> Metrics)
{
    internal const string VerifiedSuffix = ".verified.json";
    internal const string ReceivedSuffix = ".received.json";

    private static readonly string[] TopLevelKeys = ["bands", "definition_hash", "device", "experiment", "metrics", "profile", "version"];
    private static readonly string[] MetricKeys = ["tolerance", "value"];

    /// <summary>Reads and validates a baseline file.</summary>
    /// <exception cref="BaselineException">The file is missing or malformed; the message says what to fix.</exception>
    public static Baseline Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BaselineException(
                $"Baseline {path} does not exist. Run ./build.sh Reproduce --experiment {IdFromFileName(path) ?? "<id>"}, " +
                "review the received file it leaves next to it, and run ./build.sh Accept to create it.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new BaselineException($"Baseline {path} cannot be read: {e.Message}", e);
        }

        var baseline = Parse(text, path);
        var fileId = IdFromFileName(path);
        if (fileId is not null && fileId != baseline.Experiment)
        {
            throw Malformed(path, $"\"experiment\" is '{baseline.Experiment}' but the file name says '{fileId}' (a copied file?)");
        }

        return baseline;
    }

    /// <summary>The canonical JSON form; <see cref="Load"/> of it gives back an equal baseline.</summary>
    public JsonObject ToJson()
    {
        var metrics = new JsonObject();
        foreach (var (name, band) in Metrics)
        {
            metrics[name] = new JsonObject { ["tolerance"] = band.Tolerance, ["value"] = band.Value };
        }

        return new JsonObject
        {
            ["bands"] = Bands,
            ["definition_hash"] = DefinitionHash,
            ["device"] = Device,
            ["experiment"] = Experiment,
            ["metrics"] = metrics,
            ["profile"] = Profile,
            ["version"] = Version,
        };
    }

    /// <summary>Writes the canonical form atomically.</summary>
    public void Save(string path) => CanonicalJson.Write(path, ToJson());

    internal static Baseline Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Malformed(source, $"not valid JSON {JsonErrors.Describe(e)}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(source, $"the top level must be an object, found {Describe(root)}");
            }

            var properties = Properties(root, source, "the top level");
            RejectUnknown(properties, TopLevelKeys, source, "unknown top-level key");
            var experiment = RequiredString(properties, "experiment", source);
            var version = RequiredVersion(properties, source);
            var definitionHash = RequiredString(properties, "definition_hash", source);
            var profile = RequiredString(properties, "profile", source);
            var device = RequiredString(properties, "device", source);
            var bands = RequiredString(properties, "bands", source);
            var metrics = ParseMetrics(Required(properties, "metrics", "an object of metrics", source), source);
            return new Baseline(experiment, version, definitionHash, profile, device, bands, metrics);
        }
    }

    internal static string? IdFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { VerifiedSuffix, ReceivedSuffix })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return null;
    }

    private static Dictionary<string, MetricBand> ParseMetrics(JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(source, $"\"metrics\" must be an object of metrics, found {Describe(element)}");
        }

        var metrics = new Dictionary<string, MetricBand>(StringComparer.Ordinal);
        foreach (var (name, metric) in Properties(element, source, "\"metrics\""))
        {
            var where = $"metric '{name}'";
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Malformed(source, "a metric has an empty name");
            }

            if (metric.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(source, $"{where} must be an object {{\"tolerance\": ..., \"value\": ...}}, found {Describe(metric)}");
            }

            var fields = Properties(metric, source, where);
            RejectUnknown(fields, MetricKeys, source, $"{where} has an unknown key");
            var value = RequiredNumber(fields, "value", where, source);
            var tolerance = RequiredNumber(fields, "tolerance", where, source);
            if (tolerance < 0)
            {
                throw Malformed(source, $"{where} has a negative tolerance ({Format(tolerance)}); a tolerance is the absolute half-width of the band and must be >= 0");
            }

            metrics[name] = new MetricBand(value, tolerance);
        }

        if (metrics.Count == 0)
        {
            throw Malformed(source, "\"metrics\" is empty; a baseline that gates nothing would always pass");
        }

        return metrics;
    }

    // JsonDocument keeps duplicate keys and the last one would silently win: reject them instead.
    private static Dictionary<string, JsonElement> Properties(JsonElement obj, string source, string where)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw Malformed(source, $"key '{property.Name}' appears twice in {where}");
            }
        }

        return properties;
    }

    private static void RejectUnknown(Dictionary<string, JsonElement> properties, string[] allowed, string source, string problem)
    {
        var unknown = properties.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw Malformed(source, $"{problem} '{unknown}' (expected exactly: {string.Join(", ", allowed)}); a misspelt key must not be ignored");
        }
    }

    private static JsonElement Required(Dictionary<string, JsonElement> properties, string key, string expected, string source, string? where = null) =>
        properties.TryGetValue(key, out var element)
            ? element
            : throw Malformed(source, where is null ? $"missing key \"{key}\" ({expected})" : $"{where} is missing \"{key}\" ({expected})");

    private static string RequiredString(Dictionary<string, JsonElement> properties, string key, string source)
    {
        var element = Required(properties, key, "a non-empty string", source);
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            throw Malformed(source, $"\"{key}\" must be a non-empty string, found {Describe(element)}");
        }

        return element.GetString()!;
    }

    private static int RequiredVersion(Dictionary<string, JsonElement> properties, string source)
    {
        var element = Required(properties, "version", "the experiment version, a positive integer", source);
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var version) && version > 0
            ? version
            : throw Malformed(source, $"\"version\" must be a positive integer (the experiment's Version), found {Describe(element)}");
    }

    private static double RequiredNumber(Dictionary<string, JsonElement> properties, string key, string where, string source)
    {
        var element = Required(properties, key, "a number", source, where);
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw Malformed(source, $"{where} \"{key}\" must be a number, found {Describe(element)}");
        }

        if (!element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Malformed(source, $"{where} \"{key}\" ({element.GetRawText()}) is not a finite double");
        }

        return number;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static BaselineException Malformed(string source, string problem, Exception? inner = null)
    {
        var message = $"Baseline {source} is malformed: {problem}. " +
                      "Fix the file (see an existing *.verified.json for the format), or delete it and recreate it " +
                      "with ./build.sh Reproduce and ./build.sh Accept. The gate never passes on a malformed baseline.";
        return inner is null ? new BaselineException(message) : new BaselineException(message, inner);
    }
}
