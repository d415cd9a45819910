using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Data;
using Repro.Reproduction.Metrics;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Results;

/// <summary>
/// artifacts/results/&lt;id&gt;/result.json: the gated metrics (top-level "metrics"), the full
/// evaluation, the per-epoch history, what the report printed, and the manifest needed to
/// repeat the run. Written with <see cref="CanonicalJson"/> so two results diff line by line.
/// </summary>
public static class ResultDocument
{
    public const string Profile = "full";

    public static JsonObject Build(
        Experiment experiment,
        ulong seed,
        HoldOutTrainer.Outcome outcome,
        ClassificationMetrics test,
        IReadOnlyDictionary<string, ResolvedFile> datasetFiles,
        RunEnvironment environment,
        DateTimeOffset started,
        double wallSeconds)
    {
        var seeds = new SeedStreams(seed);
        var last = outcome.History[^1];
        var document = new JsonObject
        {
            ["experiment"] = new JsonObject
            {
                ["id"] = experiment.Id,
                ["version"] = experiment.Version,
                ["title"] = experiment.Title,
                ["report"] = experiment.Source.Report,
                ["report_file"] = experiment.Source.File,
                ["section"] = experiment.Source.Section,
            },
            ["profile"] = Profile,
            ["metrics"] = new JsonObject
            {
                ["test_accuracy"] = test.Accuracy,
                ["test_loss"] = outcome.Test.Loss,
                ["test_macro_precision"] = test.MacroPrecision,
                ["test_macro_recall"] = test.MacroRecall,
                ["test_macro_f1"] = test.MacroF1,
                ["final_train_accuracy"] = last.Accuracy,
                ["final_train_loss"] = last.Loss,
            },
            ["confusion_matrix"] = new JsonArray(test.Confusion.Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)v).ToArray())).ToArray()),
            ["history"] = new JsonArray(outcome.History.Select(h => (JsonNode)WithoutNaN(new JsonObject
            {
                ["epoch"] = h.Epoch,
                ["loss"] = h.Loss,
                ["accuracy"] = h.Accuracy,
                ["val_loss"] = h.ValidationLoss,
                ["val_accuracy"] = h.ValidationAccuracy,
            })).ToArray()),
            ["epochs_ran"] = outcome.History.Count,
            ["best_epoch"] = outcome.BestEpoch,
            ["reported"] = new JsonObject(experiment.Reported.Select(r => KeyValuePair.Create(r.Metric, (JsonNode?)new JsonObject
            {
                ["value"] = r.Value,
                ["where"] = r.Where,
            }))),
            ["manifest"] = new JsonObject
            {
                ["seed"] = seed,
                ["derived_seeds"] = new JsonObject
                {
                    ["initialisation"] = seeds.Initialisation,
                    ["shuffling"] = seeds.Shuffling,
                    ["dropout"] = seeds.Dropout,
                },
                ["git_commit"] = environment.GitCommit,
                ["git_dirty"] = environment.GitDirty,
                ["libtorch_version"] = environment.TorchVersion,
                ["libtorch_build"] = environment.TorchBuildConfig,
                ["libtorch_parallel"] = environment.TorchParallelInfo,
                ["device"] = environment.Device,
                ["threads"] = environment.Threads,
                ["processor"] = environment.Processor,
                ["logical_cores"] = environment.LogicalCores,
                ["os"] = environment.OperatingSystem,
                ["dotnet"] = environment.DotnetVersion,
                ["train_examples"] = outcome.TrainCount,
                ["validation_examples"] = outcome.ValidationCount,
                ["test_examples"] = outcome.Test.Labels.Length,
                ["parameters"] = outcome.Model.ParameterCount,
                ["dataset_files"] = new JsonObject(datasetFiles.Values.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f =>
                    KeyValuePair.Create(f.FileName, (JsonNode?)new JsonObject
                    {
                        ["sha256"] = f.Sha256,
                        ["source"] = f.Source.ToString(),
                        ["pinned_as"] = f.Match.Provenance,
                    }))),
                ["epoch_seconds"] = new JsonArray(outcome.History.Select(h => (JsonNode)Math.Round(h.Seconds, 3)).ToArray()),
                ["wall_seconds"] = Math.Round(wallSeconds, 3),
                ["started_utc"] = started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            },
        };
        var metrics = (JsonObject)document["metrics"]!;
        if (double.IsFinite(last.ValidationLoss))
        {
            metrics["final_val_accuracy"] = last.ValidationAccuracy;
            metrics["final_val_loss"] = last.ValidationLoss;
        }
        return document;
    }

    /// <summary>Epochs without validation have NaN there; JSON has no NaN, so those keys are left out.</summary>
    private static JsonObject WithoutNaN(JsonObject entry)
    {
        foreach (var key in entry.Where(p => p.Value is JsonValue v && v.TryGetValue<double>(out var d) && double.IsNaN(d)).Select(p => p.Key).ToList())
            entry.Remove(key);
        return entry;
    }
}
