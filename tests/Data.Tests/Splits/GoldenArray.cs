using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Repro.Data.Tests.Splits;

/// <summary>
/// One index array as generate_golden.py stores it: its length, the SHA-256 of its values as
/// int32 little-endian bytes, and its first 20 values (the whole array when it is that short).
/// </summary>
internal sealed record GoldenArray(int Length, string Sha256, int[] Head)
{
    public static GoldenArray From(JsonElement element) => new(
        element.GetProperty("length").GetInt32(),
        element.GetProperty("sha256").GetString()!,
        element.GetProperty("head").EnumerateArray().Select(v => v.GetInt32()).ToArray());

    /// <summary>The same digest Python takes of <c>a.astype("&lt;i4").tobytes()</c>.</summary>
    public static string HashOf(IReadOnlyList<int> values)
    {
        var bytes = new byte[values.Count * sizeof(int)];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), values[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Asserts <paramref name="actual"/> has this length, prefix and hash.</summary>
    public void AssertMatches(int[] actual, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(Length), $"{what}: length");
        Assert.That(actual.Take(Head.Length), Is.EqualTo(Head), $"{what}: first {Head.Length} indices");
        Assert.That(HashOf(actual), Is.EqualTo(Sha256), $"{what}: SHA-256 of the int32 little-endian indices");
    }
}
