using System.Buffers.Binary;
using System.IO.Compression;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Formats;

/// <summary>
/// Reads gzip-compressed IDX files (the MNIST family's format: big-endian magic, big-endian dimensions, unsigned bytes).
/// Every way a file can be wrong ends in a <see cref="DatasetException"/> naming the file; the decompressor's own
/// InvalidData/EndOfStream exceptions never reach the caller, because they say neither which file nor what to do.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    private const string Remedy = "Delete the file and fetch it again with `repro data fetch` (or `./build.sh Data`).";

    public static IdxImages ReadImages(string path) => ReadImages(ReadFile(path), path);

    /// <param name="gzipBytes">The compressed file's bytes.</param>
    /// <param name="source">The file's path or name, for messages.</param>
    public static IdxImages ReadImages(byte[] gzipBytes, string source)
    {
        ArgumentNullException.ThrowIfNull(gzipBytes);
        return Decode(gzipBytes, source, gz =>
        {
            var header = ReadHeader(gz, source, 16, ImagesMagic);
            var count = ReadDimension(header, 4, "image count", source);
            var rows = ReadDimension(header, 8, "row count", source);
            var columns = ReadDimension(header, 12, "column count", source);
            var pixels = ReadPayload(gz, (long)count * rows * columns, $"{count} images of {rows}×{columns}", source);
            return new IdxImages(count, rows, columns, pixels);
        });
    }

    public static byte[] ReadLabels(string path) => ReadLabels(ReadFile(path), path);

    /// <param name="gzipBytes">The compressed file's bytes.</param>
    /// <param name="source">The file's path or name, for messages.</param>
    public static byte[] ReadLabels(byte[] gzipBytes, string source)
    {
        ArgumentNullException.ThrowIfNull(gzipBytes);
        return Decode(gzipBytes, source, gz =>
        {
            var header = ReadHeader(gz, source, 8, LabelsMagic);
            var count = ReadDimension(header, 4, "label count", source);
            return ReadPayload(gz, count, $"{count} labels", source);
        });
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot read IDX file {path}: {e.Message}. Check that it exists and is readable.", e);
        }
    }

    private static T Decode<T>(byte[] gzipBytes, string source, Func<GZipStream, T> read)
    {
        if (gzipBytes.Length < 2 || gzipBytes[0] != 0x1f || gzipBytes[1] != 0x8b)
        {
            var what = gzipBytes.Length >= 4 && gzipBytes[0] == 0 && gzipBytes[1] == 0 && gzipBytes[2] == 0x08
                ? "it looks like an already decompressed IDX file"
                : $"it does not start with the gzip signature 1f 8b ({gzipBytes.Length} bytes)";
            throw new DatasetException($"{source} is not a gzip file: {what}. The dataset files must be the original .gz files. {Remedy}");
        }

        try
        {
            using var gz = new GZipStream(new MemoryStream(gzipBytes, writable: false), CompressionMode.Decompress);
            return read(gz);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new DatasetException($"{source} is a damaged gzip file (the download was probably cut short or the file was altered): {e.Message} {Remedy}", e);
        }
    }

    /// <summary>The magic number is checked before the rest of the header is read, so a file of the other kind is named as such even when it is shorter than this kind's header.</summary>
    private static byte[] ReadHeader(Stream gz, string source, int length, int magic)
    {
        var header = new byte[length];
        var read = gz.ReadAtLeast(header.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        if (read == 4)
        {
            CheckMagic(header, magic, source);
            read += gz.ReadAtLeast(header.AsSpan(4), length - 4, throwOnEndOfStream: false);
        }

        if (read < length)
        {
            throw new DatasetException($"{source} is truncated: its decompressed content is {read} bytes, shorter than the {length}-byte IDX header. {Remedy}");
        }

        return header;
    }

    private static void CheckMagic(byte[] header, int expected, string source)
    {
        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic == expected)
        {
            return;
        }

        var hint = magic switch
        {
            ImagesMagic => " (that is an image file; a label file was expected)",
            LabelsMagic => " (that is a label file; an image file was expected)",
            _ => string.Empty,
        };
        throw new DatasetException(
            $"{source} has IDX magic number 0x{magic:X8}{hint}, expected 0x{expected:X8}: it is not the expected IDX data. Check the file name. {Remedy}");
    }

    private static int ReadDimension(byte[] header, int offset, string name, string source)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(offset));
        if (value < 0)
        {
            throw new DatasetException($"{source} has a negative {name} ({value}) in its IDX header; the file is corrupt. {Remedy}");
        }

        return value;
    }

    private static byte[] ReadPayload(Stream gz, long expected, string described, string source)
    {
        if (expected > Array.MaxLength)
        {
            throw new DatasetException($"{source} declares {described} ({expected} bytes), more than one array can hold; the header is corrupt. {Remedy}");
        }

        var payload = new byte[expected];
        var read = gz.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false);
        if (read < payload.Length)
        {
            throw new DatasetException($"{source} is truncated: its header declares {described} ({expected} bytes) but only {read} bytes follow. {Remedy}");
        }

        // Extra bytes mean the header and payload disagree, which no genuine IDX file does.
        Span<byte> probe = stackalloc byte[1];
        if (gz.Read(probe) != 0)
        {
            throw new DatasetException($"{source} is longer than its header says: {described} ({expected} bytes) are declared but more bytes follow. {Remedy}");
        }

        return payload;
    }
}
