using System.Text.Json;
using Repro.Experiments;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// Reads what the reproduction table needs from a result file, and what became of an experiment
/// that has none (or only one made from an older definition).
/// </summary>
public static class ResultFiles
{
    public static ExperimentStatus Status(Experiment experiment, string resultsRoot, string device, Func<Experiment, string?> notRunReason)
    {
        var path = RepositoryPaths.ResultJson(resultsRoot, device, RunProfile.Full.Name(), experiment.Id);
        if (!File.Exists(path))
        {
            return new ExperimentStatus(experiment, null, notRunReason(experiment)
                ?? $"not run on this machine yet (about {TimeEstimate.Format(TimeEstimate.Of(experiment))}): ./build.sh Reproduce --experiment {experiment.Id}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var recorded = root.GetProperty("experiment");
            var hash = CanonicalDefinition.Hash(experiment);
            if (recorded.GetProperty("version").GetInt32() != experiment.Version || recorded.GetProperty("definition_hash").GetString() != hash)
            {
                return new ExperimentStatus(experiment, null,
                    $"the result at {path} was made from an older definition; re-run: ./build.sh Reproduce --experiment {experiment.Id}");
            }

            var seeds = root.GetProperty("seeds").EnumerateArray()
                .Select(s => (IReadOnlyDictionary<string, double>)s.GetProperty("metrics").EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                    .ToDictionary(p => p.Name, p => p.Value.GetDouble()))
                .ToList();
            var manifest = root.GetProperty("manifest");
            var result = new RecordedResult(root.GetProperty("profile").GetString()!, root.GetProperty("device").GetString()!,
                root.GetProperty("data").GetProperty("origin").GetString() == "fixture", seeds, path,
                manifest.GetProperty("training_seconds").GetDouble(), manifest.GetProperty("libtorch_version").GetString()!);
            return new ExperimentStatus(experiment, result, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return new ExperimentStatus(experiment, null, $"the result at {path} cannot be read ({e.Message}); re-run: ./build.sh Reproduce --experiment {experiment.Id}");
        }
    }
}
