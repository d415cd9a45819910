using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Results;

/// <summary>
/// artifacts/results/&lt;device&gt;/&lt;profile&gt;/&lt;id&gt;/result.json: the gated metrics of the first
/// seed (top-level "metrics"), every seed's metrics and their spread, every training run (per
/// fold, with its fit() log and confusion matrix), what the report printed, and the manifest
/// needed to repeat it. Written with <see cref="CanonicalJson"/> so two results diff line by line.
/// </summary>
public static class ResultDocument
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public static JsonObject Build(CompletedExperiment completed, string definitionHash, RunEnvironment environment, DateTimeOffset started)
    {
        var experiment = completed.Experiment;
        var document = new JsonObject
        {
            ["experiment"] = new JsonObject
            {
                ["id"] = experiment.Id,
                ["version"] = experiment.Version,
                ["definition_hash"] = definitionHash,
                ["title"] = experiment.Title,
                ["report"] = experiment.Source.Report,
                ["report_file"] = experiment.Source.File,
                ["section"] = experiment.Source.Section,
                ["group"] = experiment.Group,
                ["variant"] = experiment.Variant,
                ["substitute_for"] = experiment.Data.SubstituteFor,
            },
            ["profile"] = completed.Profile.Name(),
            ["device"] = environment.Engine.Device,
            ["data"] = new JsonObject
            {
                ["origin"] = completed.FixtureData ? "fixture" : "real",
                ["description"] = completed.DataDescription,
                ["files"] = new JsonObject(completed.DataFiles.Values.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f =>
                    KeyValuePair.Create(f.FileName, (JsonNode?)new JsonObject
                    {
                        ["sha256"] = f.Sha256,
                        ["source"] = f.Source.ToString(),
                        ["pinned_as"] = f.Match.Provenance,
                    }))),
            },
            ["metrics"] = Numbers(completed.Seeds[0].MetricValues),
            ["seeds"] = new JsonArray(completed.Seeds.Select(s => (JsonNode)new JsonObject
            {
                ["seed"] = s.Seed,
                ["metrics"] = Numbers(s.MetricValues),
            }).ToArray()),
            ["runs"] = new JsonArray(completed.Seeds.SelectMany(s => s.Runs).Select(r => JsonSerializer.SerializeToNode(r, RunRecord.Json)).ToArray()),
            ["reported"] = new JsonObject(experiment.Reported.Select(r => KeyValuePair.Create(r.Metric, (JsonNode?)new JsonObject
            {
                ["value"] = r.Value,
                ["where"] = r.Where,
            }))),
            ["manifest"] = new JsonObject
            {
                ["git_commit"] = environment.GitCommit,
                ["git_dirty"] = environment.GitDirty,
                ["engine"] = environment.Engine.ToJson(),
                ["libtorch_build"] = environment.TorchBuildConfig,
                ["libtorch_parallel"] = environment.TorchParallelInfo,
                ["processor"] = environment.ProcessorName,
                ["logical_cores"] = environment.LogicalCores,
                ["os"] = environment.OperatingSystem,
                ["dotnet"] = environment.DotnetVersion,
                ["determinism"] = new JsonObject
                {
                    ["cudnn_deterministic"] = environment.Determinism.CudnnDeterministic,
                    ["cudnn_benchmark"] = environment.Determinism.CudnnBenchmark,
                    ["deterministic_algorithms"] = environment.Determinism.DeterministicAlgorithms,
                    ["tf32_cublas"] = environment.Determinism.AllowTf32CuBlas,
                    ["tf32_cudnn"] = environment.Determinism.AllowTf32CuDnn,
                    ["cublas_workspace_config"] = environment.CublasWorkspaceConfig,
                },
                ["training_seconds"] = Math.Round(completed.WallSeconds, 3),
                ["started_utc"] = started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            },
        };
        if (completed.Seeds.Count > 1)
        {
            document["seed_spread"] = new JsonObject(SeedMetricValues.OverSeeds(completed.Seeds.Select(s => s.MetricValues).ToList()).Select(p =>
                KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
                {
                    ["mean"] = p.Value.Mean,
                    ["sd"] = p.Value.StandardDeviation,
                    ["n"] = p.Value.Count,
                    ["min"] = p.Value.Min,
                    ["max"] = p.Value.Max,
                })));
        }

        return document;
    }

    private static JsonObject Numbers(IReadOnlyDictionary<string, double> metrics) =>
        new(metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
}
