using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro.Reproduction.Fixtures;

/// <summary>Writes IDX files the way the upstream tools do, so fixtures of any shape or defect can be built.</summary>
public static class IdxWriter
{
    public static byte[] Images(int count, int rows, int columns, byte[] pixels, int magic = 0x00000803) =>
        [.. Header(magic, count, rows, columns), .. pixels];

    public static byte[] Labels(byte[] labels, int magic = 0x00000801, int? count = null) =>
        [.. Header(magic, count ?? labels.Length), .. labels];

    public static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(raw);
        }

        return buffer.ToArray();
    }

    /// <summary>Pixel values that differ per image and per position, so a mix-up of order or offset shows.</summary>
    public static byte[] Pattern(int count, int rows, int columns, int seed = 0)
    {
        var pixels = new byte[count * rows * columns];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 7) + (i / (rows * columns) * 31) + seed);
        }

        return pixels;
    }

    private static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 * (dimensions.Length + 1)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), dimensions[i]);
        }

        return header;
    }
}
