using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Writes a full-profile result.json in the format `repro run` writes, for an experiment as defined now: every seed's
/// metrics near the printed numbers (1% apart, or moved by an offset), and per seed and fold a fit() history and a confusion matrix, all drawn from a
/// seeded generator so that the page built from them is the same every time.
/// </summary>
internal static class ResultFixture
{
    public const int Seeds = 5;

    /// <param name="offset">Moves every seed's metrics by this share of the printed number (−0.1: a tenth below), to make them inconsistent.</param>
    public static void Write(string resultsRoot, Experiment experiment, int seed, double offset = 0)
    {
        var random = new Random(seed);
        var folds = experiment.Protocol is CrossValidation cv ? Enumerable.Range(1, cv.Folds).Select(fold => (int?)fold).ToList() : [null];
        var seeds = Enumerable.Range(0, Seeds).Select(i => i == 0 ? experiment.Seed : (ulong)i).ToList();
        var runs = new JsonArray();
        foreach (var s in seeds)
        {
            foreach (var fold in folds) runs.Add(Run(random, experiment, s, fold));
        }

        var document = new JsonObject
        {
            ["experiment"] = new JsonObject { ["id"] = experiment.Id, ["version"] = experiment.Version, ["definition_hash"] = CanonicalDefinition.Hash(experiment) },
            ["profile"] = "full",
            ["device"] = "cpu",
            ["data"] = new JsonObject
            {
                ["origin"] = "real",
                ["files"] = new JsonObject { ["train-images-idx3-ubyte.gz"] = new JsonObject { ["sha256"] = "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7" } },
            },
            ["seeds"] = new JsonArray(seeds.Select(s => (JsonNode)new JsonObject
            {
                ["seed"] = s,
                ["metrics"] = new JsonObject(experiment.Reported.DistinctBy(number => number.Metric).Select(number =>
                    KeyValuePair.Create(number.Metric, (JsonNode?)(number.Value * (1 + offset + (0.01 * Normal(random)))))).ToList()),
            }).ToArray()),
            ["runs"] = runs,
            ["manifest"] = new JsonObject
            {
                ["git_commit"] = "0123456789abcdef0123456789abcdef01234567",
                ["git_dirty"] = false,
                ["started_utc"] = "2026-01-01T00:00:00Z",
                ["training_seconds"] = 123.4,
                ["engine"] = new EngineFingerprint("1.13.0", "b", "libopenblas0-openmp", "AVX2", "test processor", "none", 1, "cpu", false, "code").ToJson(),
            },
        };
        var path = RepositoryPaths.ResultJson(resultsRoot, "cpu", "full", experiment.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, document.ToJsonString());
    }

    private static JsonObject Run(Random random, Experiment experiment, ulong seed, int? fold)
    {
        var epochs = experiment.Training.Epochs;
        var history = new JsonArray(Enumerable.Range(1, epochs).Select(epoch =>
        {
            var progress = 1 - Math.Exp(-epoch / 3.0);
            return (JsonNode)new JsonObject
            {
                ["epoch"] = epoch,
                ["loss"] = 1.2 - (0.9 * progress) + (0.01 * Normal(random)),
                ["accuracy"] = 0.6 + (0.3 * progress) + (0.005 * Normal(random)),
                ["validation_loss"] = 1.1 - (0.8 * progress) + (0.01 * Normal(random)),
                ["validation_accuracy"] = 0.62 + (0.27 * progress) + (0.005 * Normal(random)),
                ["seconds"] = 1.5,
            };
        }).ToArray());
        var matrix = new JsonArray(Enumerable.Range(0, 10).Select(row => (JsonNode)new JsonArray(
            Enumerable.Range(0, 10).Select(column => (JsonNode)JsonValue.Create(row == column ? 900 + random.Next(50) : random.Next(15))!).ToArray())).ToArray());
        return new JsonObject
        {
            ["seed"] = seed,
            ["fold"] = fold,
            ["step_losses"] = new JsonArray(2.3, 2.2),
            ["largest_fan_in"] = 400,
            ["history"] = history,
            ["confusion_matrix"] = matrix,
            ["seconds"] = 1.5 * epochs,
        };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
