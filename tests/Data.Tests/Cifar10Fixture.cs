using System.Formats.Tar;
using System.Security.Cryptography;
using Repro.Reproduction.Data;

namespace Repro.Data.Tests;

/// <summary>
/// A miniature cifar-10-binary.tar.gz: the real member paths, two records per batch file (label byte, then red,
/// green and blue planes), every pixel a known function of (file, record, byte offset), and a manifest pinned to
/// the archive's MD5 as the real one is.
/// </summary>
internal sealed class Cifar10Fixture
{
    public const int RecordsPerBatch = 2;
    public const long BatchBytes = RecordsPerBatch * Cifar10Records.RecordBytes;

    public Cifar10Fixture()
    {
        Batches = BatchNames.Select((name, file) => (name, bytes: Batch(file))).ToDictionary(b => b.name, b => b.bytes);
        Archive = TarGz.Build(
            BatchNames.Select(name => TarGz.File($"cifar-10-batches-bin/{name}", Batches[name]))
                .Append(TarGz.File("cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n"u8.ToArray())));
    }

    public static IReadOnlyList<string> BatchNames { get; } = [.. Cifar10Manifest.TrainFiles, Cifar10Manifest.TestFile];

    /// <summary>File name → the batch bytes as they are inside the archive.</summary>
    public IReadOnlyDictionary<string, byte[]> Batches { get; }

    public byte[] Archive { get; }

    public static byte Label(int file, int record) => (byte)((file * RecordsPerBatch + record) % 10);

    /// <summary>The raw pixel byte at <paramref name="offset"/> (0..3071) of a record.</summary>
    public static byte Pixel(int file, int record, int offset) => (byte)((offset * 7 + record * 31 + file * 53) % 256);

    public DatasetManifest Manifest(IEnumerable<string> mirrors, byte[]? pinnedArchive = null) =>
        Cifar10Manifest.Create(
            new DatasetFile(Cifar10Manifest.ArchiveFile, [new PinnedHash(HashAlgorithmKind.Md5, Convert.ToHexStringLower(MD5.HashData(pinnedArchive ?? Archive)), "test fixture")]),
            BatchBytes,
            mirrors.ToArray());

    /// <summary>The fixture's members plus one hostile entry, for the extraction-safety tests.</summary>
    public byte[] ArchiveWith(TarEntry hostile) =>
        TarGz.Build(new[] { hostile }.Concat(BatchNames.Select(name => TarGz.File($"cifar-10-batches-bin/{name}", Batches[name]))));

    private static byte[] Batch(int file)
    {
        var bytes = new byte[BatchBytes];
        for (var record = 0; record < RecordsPerBatch; record++)
        {
            var start = record * Cifar10Records.RecordBytes;
            bytes[start] = Label(file, record);
            for (var offset = 0; offset < Cifar10Records.PixelBytes; offset++)
            {
                bytes[start + 1 + offset] = Pixel(file, record, offset);
            }
        }

        return bytes;
    }
}
