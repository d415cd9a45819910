using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Results;

namespace Repro.Gate.Tests.GateFixtures;

/// <summary>
/// Writes a result.json in the shape <see cref="ResultDocument"/> writes and <see cref="ResultFile.Read"/>
/// requires, with only the parts the gate reads filled in, so a test states the numbers it gates and nothing else.
/// </summary>
internal sealed class ResultJson
{
    private readonly List<(ulong Seed, IReadOnlyDictionary<string, double> MetricValues)> seeds = [];
    private readonly List<JsonObject> runs = [];

    public string Experiment { get; init; } = GateWorkspace.Id;

    public int Version { get; init; } = 1;

    public string DefinitionHash { get; init; } = GateWorkspace.DefinitionHash;

    public string Profile { get; init; } = "full";

    public string Device { get; init; } = "cpu";

    /// <summary>The engine in the manifest; null writes a result as an older Repro did, without one.</summary>
    public EngineFingerprint? Engine { get; init; } = Engines.A;

    /// <summary>Adds a seed's metrics; the first seed added is the gated one.</summary>
    public ResultJson Seed(ulong seed, IReadOnlyDictionary<string, double> metrics)
    {
        seeds.Add((seed, metrics));
        return this;
    }

    /// <summary>Adds a training run with what the smoke gate reads of it.</summary>
    public ResultJson Run(ulong seed, int? fold, IReadOnlyList<double> stepLosses, long largestFanIn)
    {
        runs.Add(new JsonObject
        {
            ["fold"] = fold,
            ["largest_fan_in"] = largestFanIn,
            ["seed"] = seed,
            ["step_losses"] = new JsonArray(stepLosses.Select(l => (JsonNode)l).ToArray()),
        });
        return this;
    }

    /// <summary>Adds a cross-validation fold with the evaluation scores a single-seed baseline takes its spread from.</summary>
    public ResultJson Fold(ulong seed, int fold, double accuracy, double loss, double macroF1)
    {
        runs.Add(new JsonObject
        {
            ["evaluation_accuracy"] = accuracy,
            ["evaluation_loss"] = loss,
            ["fold"] = fold,
            ["largest_fan_in"] = 288,
            ["macro_f1"] = macroF1,
            ["seed"] = seed,
            ["step_losses"] = new JsonArray(),
        });
        return this;
    }

    public JsonObject ToJson() => new()
    {
        ["data"] = new JsonObject { ["origin"] = "real" },
        ["device"] = Device,
        ["experiment"] = new JsonObject { ["definition_hash"] = DefinitionHash, ["id"] = Experiment, ["version"] = Version },
        ["manifest"] = new JsonObject { ["engine"] = Engine?.ToJson(), ["training_seconds"] = 1.5 },
        ["metrics"] = Numbers(seeds[0].MetricValues),
        ["profile"] = Profile,
        ["runs"] = new JsonArray(runs.Select(r => (JsonNode)r.DeepClone()).ToArray()),
        ["seeds"] = new JsonArray(seeds.Select(s => (JsonNode)new JsonObject { ["metrics"] = Numbers(s.MetricValues), ["seed"] = s.Seed }).ToArray()),
    };

    public void Write(string path) => CanonicalJson.Write(path, ToJson());

    private static JsonObject Numbers(IReadOnlyDictionary<string, double> metrics) =>
        new(metrics.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
}
