using System.Security.Cryptography;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Fixtures;

/// <summary>
/// A miniature cifar-10-binary.tar.gz: the real member paths, the same number of records in each of the six batch
/// files (label byte, then red, green and blue planes), every pixel a known function of (file, record, byte
/// offset), and a manifest pinned to the archive's MD5 as the real one is (its batches trusted on first use), or, for
/// the smoke profile, to the batches' SHA-256 as well.
/// </summary>
public sealed class Cifar10Fixture
{
    public Cifar10Fixture(int recordsPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recordsPerBatch);
        RecordsPerBatch = recordsPerBatch;
        Batches = BatchNames.Select((name, file) => (name, bytes: Batch(file))).ToDictionary(b => b.name, b => b.bytes);
        Archive = TarGzWriter.Build(Members());
    }

    public static IReadOnlyList<string> BatchNames { get; } = [.. Cifar10Dataset.TrainFiles, Cifar10Dataset.TestFile];

    public int RecordsPerBatch { get; }

    public long BatchBytes => RecordsPerBatch * (long)Cifar10Records.RecordBytes;

    /// <summary>File name → the batch bytes as they are inside the archive.</summary>
    public IReadOnlyDictionary<string, byte[]> Batches { get; }

    public byte[] Archive { get; }

    /// <summary>Counts up over the records of all batches, so each batch of ten or more records holds every class.</summary>
    public byte Label(int file, int record) => (byte)((file * RecordsPerBatch + record) % 10);

    /// <summary>The raw pixel byte at <paramref name="offset"/> (0..3071) of a record.</summary>
    public static byte Pixel(int file, int record, int offset) => (byte)((offset * 7 + record * 31 + file * 53) % 256);

    /// <param name="pinnedArchive">The archive whose MD5 is pinned; this fixture's own when null.</param>
    public DatasetManifest Manifest(IEnumerable<string> mirrors, byte[]? pinnedArchive = null) =>
        Cifar10Dataset.Create(ArchivePin(pinnedArchive ?? Archive), BatchBytes, mirrors.ToArray());

    private static DatasetFile ArchivePin(byte[] archive) =>
        new(Cifar10Dataset.ArchiveFile, [new PinnedHash(HashAlgorithmKind.Md5, Convert.ToHexStringLower(MD5.HashData(archive)), "test fixture")]);

    /// <summary>
    /// The archive and a manifest pinned to it and to the batches in it, as the smoke profile reads a fixture: nothing is
    /// trusted on first use, so a result names the same provenance ("test fixture") on every run, not a trust record in
    /// a temporary folder.
    /// </summary>
    public FixtureFiles Pinned() => new(
        Cifar10Dataset.Create(ArchivePin(Archive), BatchBytes, [],
            Batches.ToDictionary(b => b.Key, b => new PinnedHash(Convert.ToHexStringLower(SHA256.HashData(b.Value)), "test fixture"))),
        new Dictionary<string, byte[]> { [Cifar10Dataset.ArchiveFile] = Archive });

    /// <summary>The archive's entries: the six batches under their real member paths, and the class-names file.</summary>
    public IEnumerable<System.Formats.Tar.TarEntry> Members() =>
        BatchNames.Select(name => TarGzWriter.File($"cifar-10-batches-bin/{name}", Batches[name]))
            .Append(TarGzWriter.File("cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n"u8.ToArray()));

    private byte[] Batch(int file)
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
