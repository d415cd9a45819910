using System.Security.Cryptography;
using Repro.Reproduction.Data;

namespace Repro.Data.Tests;

/// <summary>
/// A miniature Fashion-MNIST (5 training and 3 test images of 28×28) and a manifest pinned to its SHA-256s, with
/// the real dataset id and file names so the real loader and command line can run on it.
/// </summary>
internal sealed class FashionFixture
{
    public const int TrainCount = 5;
    public const int TestCount = 3;
    public const int Side = 28;

    public FashionFixture()
    {
        TrainPixels = Idx.Pattern(TrainCount, Side, Side, seed: 1);
        TestPixels = Idx.Pattern(TestCount, Side, Side, seed: 2);
        TrainLabels = [9, 0, 3, 7, 2];
        TestLabels = [1, 8, 5];
        Files = new Dictionary<string, byte[]>
        {
            [FashionMnist.TrainImagesFile] = Idx.Gzip(Idx.Images(TrainCount, Side, Side, TrainPixels)),
            [FashionMnist.TrainLabelsFile] = Idx.Gzip(Idx.Labels(TrainLabels)),
            [FashionMnist.TestImagesFile] = Idx.Gzip(Idx.Images(TestCount, Side, Side, TestPixels)),
            [FashionMnist.TestLabelsFile] = Idx.Gzip(Idx.Labels(TestLabels)),
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

    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in Files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }
}
