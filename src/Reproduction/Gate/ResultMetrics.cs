using System.Text.Json;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Reads the gated numbers of a result file: the numeric properties of its top-level "metrics"
/// object. Everything else in the file (config, history, per-class tables) is not gated.
/// </summary>
internal static class ResultMetrics
{
    public static bool TryRead(string path, string experimentId, out IReadOnlyDictionary<string, double> metrics, out string error)
    {
        metrics = new Dictionary<string, double>();
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

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in section.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var value))
                {
                    values[property.Name] = value;
                }
            }

            metrics = values;
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
}
