using System.Security.Cryptography;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Fixtures;

/// <summary>
/// A miniature Fashion-MNIST in the real format (gzipped IDX files of 28×28 images) and a manifest pinned to its
/// SHA-256s, with the real dataset id and file names so the real loader and command line run on it.
/// </summary>
public sealed class FashionMnistFixture
{
    public const int Side = 28;

    public FashionMnistFixture(int trainCount, int testCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testCount);
        TrainPixels = IdxWriter.Pattern(trainCount, Side, Side, seed: 1);
        TestPixels = IdxWriter.Pattern(testCount, Side, Side, seed: 2);
        TrainLabels = FixtureLabels.Sequence(trainCount, seed: 9);
        TestLabels = FixtureLabels.Sequence(testCount, seed: 1);
        Files = new Dictionary<string, byte[]>
        {
            [FashionMnist.TrainImagesFile] = IdxWriter.Gzip(IdxWriter.Images(trainCount, Side, Side, TrainPixels)),
            [FashionMnist.TrainLabelsFile] = IdxWriter.Gzip(IdxWriter.Labels(TrainLabels)),
            [FashionMnist.TestImagesFile] = IdxWriter.Gzip(IdxWriter.Images(testCount, Side, Side, TestPixels)),
            [FashionMnist.TestLabelsFile] = IdxWriter.Gzip(IdxWriter.Labels(TestLabels)),
        };
    }

    public static IReadOnlyList<string> FileNames { get; } =
        [FashionMnist.TrainImagesFile, FashionMnist.TrainLabelsFile, FashionMnist.TestImagesFile, FashionMnist.TestLabelsFile];

    public byte[] TrainPixels { get; }

    public byte[] TestPixels { get; }

    public byte[] TrainLabels { get; }

    public byte[] TestLabels { get; }

    /// <summary>File name → the .gz bytes.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public string Sha256(string fileName) => Convert.ToHexStringLower(SHA256.HashData(Files[fileName]));

    public DatasetManifest Manifest(IEnumerable<string>? mirrors = null, IEnumerable<string>? systemFolders = null) =>
        new(
            FashionMnistManifest.Id,
            FileNames.Select(name => new DatasetFile(name, [new PinnedHash(Sha256(name), "test fixture")])).ToArray(),
            (mirrors ?? []).ToArray(),
            (systemFolders ?? []).Select(path => new SystemFolder(path, "install the test package fixture-data")).ToArray())
        {
            RequiredForTests = true,
        };

    public void WriteTo(string folder) => new FixtureFiles(Manifest(), Files).WriteTo(folder);
}
