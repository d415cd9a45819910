using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// CIFAR-10, binary version (report 002). Published only as one archive with an MD5; the archive is pinned to that
/// MD5 and the six batch files extracted from it are checked by size and trusted on first use for their SHA-256.
/// </summary>
public static class Cifar10Manifest
{
    public const string Id = "cifar-10";
    public const string ArchiveFile = "cifar-10-binary.tar.gz";
    public const string CanonicalMirror = "https://www.cs.toronto.edu/~kriz/";

    /// <summary>10,000 records of 3,073 bytes.</summary>
    public const long BatchBytes = 30_730_000;

    public static IReadOnlyList<string> TrainFiles { get; } = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestFile = "test_batch.bin";

    public static DatasetManifest Manifest { get; } = Create(
        new DatasetFile(ArchiveFile, [new PinnedHash(HashAlgorithmKind.Md5, "c32a1d4ab5d03f1284b67883e8d87530", $"MD5 published on {CanonicalMirror}cifar.html")]),
        BatchBytes,
        [CanonicalMirror]);

    /// <summary>The manifest with another archive pin, batch size and mirrors; tests use it with fixture archives.</summary>
    public static DatasetManifest Create(DatasetFile archive, long batchBytes, IReadOnlyList<string> mirrors)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var names = TrainFiles.Append(TestFile).ToArray();
        return new DatasetManifest(Id, names.Select(n => new DatasetFile(n, [], batchBytes)).ToArray(), mirrors, [])
        {
            Title = "CIFAR-10",
            Archive = new ArchiveSource(archive, names.ToDictionary(n => $"cifar-10-batches-bin/{n}", n => n, StringComparer.Ordinal)),
        };
    }
}
