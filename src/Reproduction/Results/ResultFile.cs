using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Results;

/// <summary>
/// A result.json as the gate and the reproduction table read it (written by <see cref="ResultDocument"/>):
/// which experiment, version and definition it came from, its profile and device class, whether
/// it ran on fixture data, every seed's metrics (the first seed first), every training run, the
/// engine that made the numbers, the training time, and where it came from (commit, data file hashes). The one
/// reader of that file.
/// </summary>
public sealed record ResultFile(
    string Path,
    string ExperimentId,
    int Version,
    string DefinitionHash,
    string Profile,
    string Device,
    bool FixtureData,
    IReadOnlyList<SeedResult> Seeds,
    IReadOnlyList<RunTrace> Runs,
    EngineFingerprint? Engine,
    double TrainingSeconds,
    ResultProvenance Provenance)
{
    /// <summary>Whether the result was made from this version and definition of its experiment (else it is out of date).</summary>
    public bool MadeFrom(int version, string definitionHash) => Version == version && DefinitionHash == definitionHash;

    /// <summary>The first seed's number of each metric: what a gate compares with one draw.</summary>
    public IReadOnlyDictionary<string, double> FirstSeed => Seeds[0].MetricValues;

    /// <summary>Reads and checks a result file.</summary>
    /// <exception cref="ResultFileException">Missing, unreadable or malformed; the message names the file and says how to recreate it.</exception>
    public static ResultFile Read(string path, string experimentId)
    {
        var rerun = $"Run ./build.sh Reproduce --experiment {experimentId} to (re)create it.";
        if (!File.Exists(path)) throw new ResultFileException($"no result file at {path}. {rerun}");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("the top level is not an object");
            var experiment = Object(root, "experiment");
            var seeds = (root["seeds"] as JsonArray ?? throw new FormatException("\"seeds\" is missing"))
                .Select(s => new SeedResult(s!["seed"]!.GetValue<ulong>(), Numbers(Object((JsonObject)s, "metrics"))))
                .ToList();
            if (seeds.Count == 0) throw new FormatException("\"seeds\" is empty");
            var runs = (root["runs"] as JsonArray ?? []).Select(r => RunTrace.Of(r as JsonObject ?? throw new FormatException("a run is not an object"))).ToList();
            var manifest = Object(root, "manifest");
            return new ResultFile(
                path,
                experiment["id"]!.GetValue<string>(),
                experiment["version"]!.GetValue<int>(),
                experiment["definition_hash"]!.GetValue<string>(),
                root["profile"]!.GetValue<string>(),
                root["device"]!.GetValue<string>(),
                Object(root, "data")["origin"]!.GetValue<string>() == "fixture",
                seeds,
                runs,
                EngineFingerprint.FromJson(manifest["engine"]),
                manifest["training_seconds"]?.GetValue<double>() ?? 0,
                ResultProvenance.Of(manifest, Object(root, "data")));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or KeyNotFoundException or InvalidCastException)
        {
            throw new ResultFileException($"result file {path} is malformed ({e.Message}). {rerun}", e);
        }
        catch (IOException e)
        {
            throw new ResultFileException($"result file {path} cannot be read ({e.Message}). {rerun}", e);
        }
    }

    private static JsonObject Object(JsonObject parent, string key) =>
        parent[key] as JsonObject ?? throw new FormatException($"\"{key}\" is missing or not an object");

    private static Dictionary<string, double> Numbers(JsonObject section) =>
        section.Where(p => p.Value is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<double>(), StringComparer.Ordinal);
}

/// <summary>
/// One training run as the gate and the report read it: its seed and fold, the losses of its first steps and its
/// longest dot product (the smoke gate), its evaluation scores (a single-seed cross-validation's spread), and its
/// fit() history, confusion matrix and time (the report). A score the file lacks reads as NaN.
/// </summary>
public sealed record RunTrace(
    ulong Seed, int? Fold, IReadOnlyList<double> StepLosses, long LargestFanIn,
    double EvaluationAccuracy, double EvaluationLoss, double MacroF1,
    IReadOnlyList<EpochRecord> History, long[][] ConfusionMatrix, double Seconds) : IFoldScores
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    internal static RunTrace Of(JsonObject run) => new(
        run["seed"]!.GetValue<ulong>(),
        run["fold"]?.GetValue<int>(),
        (run["step_losses"] as JsonArray)?.Select(v => v!.GetValue<double>()).ToList() ?? [],
        run["largest_fan_in"]?.GetValue<long>() ?? 0,
        run["evaluation_accuracy"]?.GetValue<double>() ?? double.NaN,
        run["evaluation_loss"]?.GetValue<double>() ?? double.NaN,
        run["macro_f1"]?.GetValue<double>() ?? double.NaN,
        run["history"]?.Deserialize<List<EpochRecord>>(RunRecord.Json) ?? [],
        run["confusion_matrix"]?.Deserialize<long[][]>(RunRecord.Json) ?? [],
        run["seconds"]?.GetValue<double>() ?? 0);

    /// <summary>The folds of <paramref name="seed"/>'s runs in fold order; empty unless it ran two folds or more.</summary>
    public static IReadOnlyList<RunTrace> FoldsOf(IEnumerable<RunTrace> runs, ulong seed)
    {
        var folds = runs.Where(run => run.Seed == seed && run.Fold is not null).OrderBy(run => run.Fold).ToList();
        return folds.Count >= 2 ? folds : [];
    }
}

/// <summary>Where a result came from: the commit it was made at (and whether the tree was dirty), when, and the SHA-256 of each data file.</summary>
public sealed record ResultProvenance(string? GitCommit, bool GitDirty, string? StartedUtc, IReadOnlyDictionary<string, string> DataFiles)
{
    internal static ResultProvenance Of(JsonObject manifest, JsonObject data) => new(
        manifest["git_commit"]?.GetValue<string>(),
        manifest["git_dirty"]?.GetValue<bool>() ?? false,
        manifest["started_utc"]?.GetValue<string>(),
        (data["files"] as JsonObject ?? []).ToDictionary(
            file => file.Key, file => file.Value?["sha256"]?.GetValue<string>() ?? "not recorded", StringComparer.Ordinal));
}

/// <summary>One seed in a result: its metric values by metric name.</summary>
public sealed record SeedResult(ulong Seed, IReadOnlyDictionary<string, double> MetricValues);

/// <summary>A result file that cannot be used; the message says which file, what is wrong and what to do.</summary>
public sealed class ResultFileException(string message, Exception? inner = null) : Exception(message, inner);
