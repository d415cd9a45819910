using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Repro.Reproduction.Results;

/// <summary>
/// The one JSON writer for every file Repro writes (results, baselines, received snapshots).
/// The output is canonical so that two runs with equal numbers give byte-identical files and a
/// pull-request diff shows only what changed: keys sorted ordinally at every depth, 2-space
/// indentation, one value per line, LF line endings on every OS, a trailing newline, and
/// doubles in their shortest round-trippable form.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        // Files are read by people in diffs and CI logs, never embedded in HTML: keep '±', '<', '+' literal.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Serializes <paramref name="node"/> canonically (see the type summary).</summary>
    /// <exception cref="InvalidOperationException">A number is NaN or infinite; JSON has no such values.</exception>
    public static string Serialize(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteNode(writer, node, "$");
        }

        return Utf8NoBom.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes <paramref name="node"/> canonically to <paramref name="path"/>, creating its folder,
    /// through <see cref="AtomicFile"/>: a crash or a serialization error never leaves a
    /// half-written file behind.
    /// </summary>
    public static void Write(string path, JsonNode? node) =>
        // Serialize before touching the disk: a NaN must not even create the temporary file.
        AtomicFile.Write(path, Serialize(node));

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node, string jsonPath)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, child, $"{jsonPath}.{key}");
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    WriteNode(writer, array[i], $"{jsonPath}[{i}]");
                }

                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value, jsonPath);
                break;
            default:
                throw new InvalidOperationException($"Unsupported JSON node type {node.GetType().Name} at {jsonPath}.");
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value, string jsonPath)
    {
        // A value parsed from text wraps a JsonElement: re-emit numbers from their numeric value so
        // "1.50" and "1.5" come out the same, and descend into wrapped objects and arrays.
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(writer, element, jsonPath);
            return;
        }

        if (value.TryGetValue<double>(out var d))
        {
            WriteDouble(writer, d, jsonPath);
        }
        else if (value.TryGetValue<float>(out var f))
        {
            // Written as a float so 0.1f stays "0.1" rather than its widened double digits.
            if (!float.IsFinite(f))
            {
                throw NonFinite(f, jsonPath);
            }

            writer.WriteNumberValue(f);
        }
        else if (value.TryGetValue<string>(out var s))
        {
            writer.WriteStringValue(s);
        }
        else if (value.TryGetValue<bool>(out var b))
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            // Integers, decimals and the like have a single natural JSON form.
            value.WriteTo(writer);
        }
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, string jsonPath)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetInt64(out var l):
                writer.WriteNumberValue(l);
                break;
            // A 64-bit seed above long.MaxValue (half of all run seeds) stays an integer, not its nearest double.
            case JsonValueKind.Number when element.TryGetUInt64(out var u):
                writer.WriteNumberValue(u);
                break;
            case JsonValueKind.Number:
                // TryGetDouble is false when the text overflows a double (e.g. 1e400).
                WriteDouble(writer, element.TryGetDouble(out var d) ? d : double.PositiveInfinity, jsonPath);
                break;
            case JsonValueKind.Object:
                WriteNode(writer, JsonObject.Create(element), jsonPath);
                break;
            case JsonValueKind.Array:
                WriteNode(writer, JsonArray.Create(element), jsonPath);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d, string jsonPath)
    {
        if (!double.IsFinite(d))
        {
            throw NonFinite(d, jsonPath);
        }

        // Utf8JsonWriter formats doubles in the shortest form that parses back to the same bits.
        writer.WriteNumberValue(d);
    }

    private static InvalidOperationException NonFinite(double value, string jsonPath) =>
        new($"Cannot write {value.ToString(CultureInfo.InvariantCulture)} at {jsonPath}: JSON has no NaN or Infinity. " +
            "A metric that diverged must be reported as a failure, not written as a number.");
}
