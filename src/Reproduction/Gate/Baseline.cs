using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Gate;

/// <summary>
/// The content of baselines/&lt;device&gt;/&lt;profile&gt;/&lt;id&gt;.verified.json (and of its .received.json
/// twin): what an experiment must reproduce, the seeds and engine that made it, and, per gated
/// metric, either its distribution over seeds with a prediction interval (full profile) or one
/// seed's loss trace with relative tolerances (smoke). Everything the gate decides with is written
/// in the file, so a pull-request diff shows any change to what is accepted.
/// </summary>
/// <param name="Experiment">The experiment id; must match the file name.</param>
/// <param name="Version">The experiment version the numbers were obtained with.</param>
/// <param name="DefinitionHash">The hash of the normalised definition they were obtained with.</param>
/// <param name="Profile">full or smoke.</param>
/// <param name="Device">The device class (cpu, cuda).</param>
/// <param name="Seeds">The seeds that ran, the gated one first.</param>
/// <param name="Engine">The engine that made the numbers: on it the gate is exact.</param>
/// <param name="Method">How the intervals or tolerances were derived, as prose for the reviewer.</param>
/// <param name="Metrics">The gated metrics by name.</param>
public sealed record Baseline(
    string Experiment,
    int Version,
    string DefinitionHash,
    string Profile,
    string Device,
    IReadOnlyList<ulong> Seeds,
    EngineFingerprint Engine,
    string Method,
    IReadOnlyDictionary<string, BaselineMetric> Metrics)
{
    internal const string VerifiedSuffix = ".verified.json";
    internal const string ReceivedSuffix = ".received.json";

    private static readonly string[] TopLevelKeys = ["definition_hash", "device", "engine", "experiment", "method", "metrics", "profile", "seeds", "version"];
    private static readonly string[] DistributionKeys = ["alpha", "interval", "mean", "n", "sd", "values"];
    private static readonly string[] FoldKeys = ["alpha", "folds", "interval", "statistic", "values"];
    private static readonly string[] TraceKeys = ["relative_tolerances", "values"];
    private static readonly string[] IntervalKeys = ["high", "low"];

    /// <summary>The seed whose numbers the gate compares with a new run.</summary>
    public ulong GatedSeed => Seeds[0];

    /// <summary>Reads and validates a baseline file.</summary>
    /// <exception cref="BaselineException">The file is missing or malformed; the message says what to fix.</exception>
    public static Baseline Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BaselineException(
                $"Baseline {path} does not exist. Run ./build.sh Reproduce --experiment {IdFromFileName(path) ?? "<id>"} --seeds 10, " +
                "review the received file the gate leaves next to it, and run ./build.sh Accept to create it.");
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

    /// <summary>The canonical JSON form; <see cref="Parse"/> of it gives back an equal baseline.</summary>
    public JsonObject ToJson() => new()
    {
        ["definition_hash"] = DefinitionHash,
        ["device"] = Device,
        ["engine"] = Engine.ToJson(),
        ["experiment"] = Experiment,
        ["method"] = Method,
        ["metrics"] = new JsonObject(Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)MetricJson(m.Value)))),
        ["profile"] = Profile,
        ["seeds"] = new JsonArray(Seeds.Select(s => (JsonNode)s).ToArray()),
        ["version"] = Version,
    };

    /// <summary>Writes the canonical form atomically.</summary>
    public void Save(string path) => CanonicalJson.Write(path, ToJson());

    private static JsonObject MetricJson(BaselineMetric metric) => metric switch
    {
        DistributionMetric d => new JsonObject
        {
            ["alpha"] = d.Alpha,
            ["interval"] = new JsonObject { ["high"] = d.Interval.High, ["low"] = d.Interval.Low },
            ["mean"] = d.Sample.Mean,
            ["n"] = d.Sample.Count,
            ["sd"] = d.Sample.StandardDeviation,
            ["values"] = Numbers(d.Values),
        },
        FoldSpreadMetric f => new JsonObject
        {
            ["alpha"] = f.Alpha,
            ["folds"] = Numbers(f.Folds),
            ["interval"] = new JsonObject { ["high"] = f.Interval.High, ["low"] = f.Interval.Low },
            ["statistic"] = FoldSpreadMetric.StatisticName(f.Statistic),
            ["values"] = Numbers(f.Values),
        },
        TraceMetric t => new JsonObject { ["relative_tolerances"] = Numbers(t.RelativeTolerances), ["values"] = Numbers(t.Values) },
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown baseline metric kind."),
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v).ToArray());

    internal static Baseline Parse(string json, string source)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Malformed(source, $"not valid JSON ({e.Message})", e);
        }

        if (parsed is not JsonObject root) throw Malformed(source, "the top level must be an object");
        RejectUnknown(root, TopLevelKeys, source, "the top level");
        var seeds = Array(root, "seeds", source).Select(s => s is JsonValue v && v.TryGetValue<ulong>(out var seed) ? seed
            : throw Malformed(source, $"\"seeds\" must hold non-negative integers, found {s?.ToJsonString() ?? "null"}")).ToList();
        if (seeds.Count == 0) throw Malformed(source, "\"seeds\" is empty; the first seed is the one the gate re-runs");
        if (seeds.Distinct().Count() != seeds.Count) throw Malformed(source, "\"seeds\" lists a seed twice");
        var version = root["version"] is JsonValue vv && vv.TryGetValue<int>(out var number) && number > 0
            ? number
            : throw Malformed(source, "\"version\" must be a positive integer (the experiment's Version)");
        var engine = EngineFingerprint.FromJson(root["engine"])
                     ?? throw Malformed(source, "\"engine\" is missing, incomplete, or its \"id\" does not match its fields");
        var metricsNode = root["metrics"] as JsonObject ?? throw Malformed(source, "\"metrics\" must be an object of metrics");
        var metrics = new Dictionary<string, BaselineMetric>(StringComparer.Ordinal);
        foreach (var (name, node) in metricsNode)
        {
            metrics[name] = ParseMetric(name, node as JsonObject ?? throw Malformed(source, $"metric '{name}' must be an object"), seeds.Count, source);
        }

        if (metrics.Count == 0) throw Malformed(source, "\"metrics\" is empty; a baseline that gates nothing would always pass");
        return new Baseline(Text(root, "experiment", source), version, Text(root, "definition_hash", source), Text(root, "profile", source),
            Text(root, "device", source), seeds, engine, Text(root, "method", source), metrics);
    }

    private static BaselineMetric ParseMetric(string name, JsonObject node, int seedCount, string source)
    {
        var where = $"metric '{name}'";
        var values = Doubles(node, "values", where, source);
        if (node.ContainsKey("relative_tolerances"))
        {
            RejectUnknown(node, TraceKeys, source, where);
            var tolerances = Doubles(node, "relative_tolerances", where, source);
            if (tolerances.Count != values.Count || tolerances.Any(t => t < 0))
            {
                throw Malformed(source, $"{where} needs one non-negative relative tolerance per value");
            }

            return new TraceMetric(values, tolerances);
        }

        if (values.Count != seedCount) throw Malformed(source, $"{where} has {values.Count} values for {seedCount} seeds");
        var alpha = Double(node, "alpha", where, source);
        if (!(alpha > 0 && alpha < 1)) throw Malformed(source, $"{where} \"alpha\" must lie in (0, 1)");
        if (node.ContainsKey("folds")) return ParseFoldMetric(name, node, values, alpha, source);

        RejectUnknown(node, DistributionKeys, source, where);
        if (values.Count < 2) throw Malformed(source, $"{where} needs the values of at least two seeds to have a distribution");
        var metric = new DistributionMetric(values, alpha, PredictionInterval.Of(new Sample(values), alpha, MetricRange.Of(name)));
        // The summary numbers are written for the reader; they must follow from the values, or the file was edited by hand.
        Expect(source, where, "mean", Double(node, "mean", where, source), metric.Sample.Mean);
        Expect(source, where, "sd", Double(node, "sd", where, source), metric.Sample.StandardDeviation);
        Expect(source, where, "n", Double(node, "n", where, source), metric.Sample.Count);
        ExpectInterval(node, metric, where, source);
        return metric;
    }

    private static FoldSpreadMetric ParseFoldMetric(string name, JsonObject node, List<double> values, double alpha, string source)
    {
        var where = $"metric '{name}'";
        RejectUnknown(node, FoldKeys, source, where);
        if (values.Count != 1) throw Malformed(source, $"{where} has folds, which stand in for the spread of seeds only in a single-seed baseline");
        var folds = Doubles(node, "folds", where, source);
        if (folds.Count < 2) throw Malformed(source, $"{where} needs at least two folds to have a spread");
        var statisticName = Text(node, "statistic", source);
        var statistic = new[] { FoldStatistic.Mean, FoldStatistic.StandardDeviation }.Where(s => FoldSpreadMetric.StatisticName(s) == statisticName)
            .Select(s => (FoldStatistic?)s).FirstOrDefault()
            ?? throw Malformed(source, $"{where} \"statistic\" is '{statisticName}'; it must be 'mean' or 'std' (the folds' mean or np.std)");
        var metric = FoldSpreadMetric.Of(name, values[0], statistic, folds, alpha);
        ExpectInterval(node, metric, where, source);
        return metric;
    }

    private static void ExpectInterval(JsonObject node, IntervalMetric metric, string where, string source)
    {
        var interval = node["interval"] as JsonObject ?? throw Malformed(source, $"{where} \"interval\" must be an object {{\"high\", \"low\"}}");
        RejectUnknown(interval, IntervalKeys, source, $"{where} \"interval\"");
        Expect(source, where, "interval low", Double(interval, "low", where, source), metric.Interval.Low);
        Expect(source, where, "interval high", Double(interval, "high", where, source), metric.Interval.High);
    }

    private static void Expect(string source, string where, string what, double written, double computed)
    {
        if (Math.Abs(written - computed) > 1e-12 * Math.Max(1, Math.Abs(computed)))
        {
            throw Malformed(source, $"{where} {what} is {Format(written)}, but its values and α give {Format(computed)} (edited by hand?)");
        }
    }

    internal static string? IdFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { VerifiedSuffix, ReceivedSuffix })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length) return name[..^suffix.Length];
        }

        return null;
    }

    private static void RejectUnknown(JsonObject node, string[] allowed, string source, string where)
    {
        var unknown = node.Select(p => p.Key).Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        var missing = allowed.Where(k => !node.ContainsKey(k)).FirstOrDefault();
        if (unknown is not null) throw Malformed(source, $"{where} has an unknown key '{unknown}' (expected exactly: {string.Join(", ", allowed)}); a misspelt key must not be ignored");
        if (missing is not null) throw Malformed(source, $"{where} is missing \"{missing}\" (expected exactly: {string.Join(", ", allowed)})");
    }

    private static JsonArray Array(JsonObject node, string key, string source) =>
        node[key] as JsonArray ?? throw Malformed(source, $"\"{key}\" must be an array");

    private static List<double> Doubles(JsonObject node, string key, string where, string source) =>
        (node[key] as JsonArray ?? throw Malformed(source, $"{where} \"{key}\" must be an array of numbers"))
        .Select(v => v is JsonValue value && value.GetValueKind() == JsonValueKind.Number && double.IsFinite(value.GetValue<double>())
            ? value.GetValue<double>()
            : throw Malformed(source, $"{where} \"{key}\" holds {v?.ToJsonString() ?? "null"}, not a finite number"))
        .ToList();

    private static double Double(JsonObject node, string key, string where, string source) =>
        node[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && double.IsFinite(value.GetValue<double>())
            ? value.GetValue<double>()
            : throw Malformed(source, $"{where} \"{key}\" must be a finite number");

    private static string Text(JsonObject node, string key, string source) =>
        node[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetValue<string>())
            ? value.GetValue<string>()
            : throw Malformed(source, $"\"{key}\" must be a non-empty string");

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static BaselineException Malformed(string source, string problem, Exception? inner = null)
    {
        var message = $"Baseline {source} is malformed: {problem}. " +
                      "Fix the file (see an existing *.verified.json for the format), or delete it and recreate it " +
                      "with ./build.sh Reproduce --seeds 10 and ./build.sh Accept. The gate never passes on a malformed baseline.";
        return inner is null ? new BaselineException(message) : new BaselineException(message, inner);
    }
}
