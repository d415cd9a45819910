using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The SHA-256 a run-cache file carries in its "checksum" field, over a canonical serialisation
/// of the record without that field. Canonical, not the file's bytes: the reader recomputes it
/// from the parsed record, so it depends only on the values (fields in declaration order, doubles
/// in their shortest round-trip form, 64-bit seeds exact, no indentation or line endings that
/// differ between serializer settings, editors or operating systems), and any changed value
/// changes it.
/// </summary>
public static class RunRecordChecksum
{
    public const string Field = "checksum";

    // Compact: indented output ends lines with Environment.NewLine, which would make the sum OS-dependent.
    private static readonly JsonSerializerOptions Canonical = new(RunRecord.Json) { WriteIndented = false };

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public static string Of(RunRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Canonical))));
}
