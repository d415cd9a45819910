using System.Text.Json;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Describes a JsonException for a person editing the file: JsonException numbers lines and
/// bytes from zero and appends them to its message, which reads as "LineNumber: 0" in a CI log.
/// </summary>
internal static class JsonErrors
{
    public static string Describe(JsonException e)
    {
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        return e.LineNumber is { } line
            ? $"at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1} ({reason.TrimEnd('.', ' ')})"
            : $"({reason.TrimEnd('.', ' ')})";
    }
}
