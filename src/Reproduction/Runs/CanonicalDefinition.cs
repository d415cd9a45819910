using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Repro.Experiments;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The normalised form of what decides an experiment's numbers (data, protocol, input shape,
/// model, training and seed), as canonical JSON, and its SHA-256. Titles, notes, reported
/// numbers, the CPU test budget and the id are left out: editing prose must not invalidate a baseline, and two
/// experiments defined alike hash alike, so their training is shared.
/// </summary>
public static class CanonicalDefinition
{
    public static JsonObject Of(Experiment experiment) => new()
    {
        ["data"] = ToJson(experiment.Data),
        ["input_shape"] = ToJson(experiment.InputShape),
        ["model"] = ToJson(experiment.Model),
        ["protocol"] = ToJson(experiment.Protocol),
        ["seed"] = experiment.Seed,
        ["training"] = ToJson(experiment.Training),
    };

    /// <summary>The first 16 hex digits of the SHA-256 of <see cref="Of"/>: what a baseline records.</summary>
    public static string Hash(Experiment experiment) => HashOf(Of(experiment));

    public static string HashOf(JsonNode node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString())))[..16];

    /// <summary>
    /// Records, lists, tuples, enums and scalars as JSON with sorted keys and a "$type" for every
    /// record, so that a Dropout(0.5) and a Dense(...) never collide and the text is stable. A property
    /// at its <see cref="CanonicalDefaultAttribute"/> value is left out.
    /// </summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(e.ToString()),
        double d => JsonValue.Create(d.ToString("R", CultureInfo.InvariantCulture)),
        int or long or ulong => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        ITuple tuple => new JsonArray(Enumerable.Range(0, tuple.Length).Select(i => ToJson(tuple[i])).ToArray()),
        IEnumerable sequence => new JsonArray(sequence.Cast<object?>().Select(ToJson).ToArray()),
        _ => Record(value),
    };

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimmingRoots.Discovery)]
    private static JsonObject Record(object value)
    {
        var type = value.GetType();
        var result = new JsonObject { ["$type"] = type.Name };
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var propertyValue = property.GetValue(value);
            if (property.GetCustomAttribute<CanonicalDefaultAttribute>() is { } canonicalDefault && Equals(propertyValue, canonicalDefault.Value)) continue;
            result[property.Name] = ToJson(propertyValue);
        }

        return result;
    }
}
