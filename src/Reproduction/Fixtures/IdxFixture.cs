using System.Security.Cryptography;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Fixtures;

/// <summary>
/// A miniature MNIST-style dataset in the real format (gzipped IDX files of square grey images) and a manifest pinned
/// to its SHA-256s, with the real dataset's id and file names so the real loader and command line run on it.
/// </summary>
public sealed class IdxFixture
{
    private readonly DatasetManifest _real;

    /// <param name="real">The dataset's own manifest: the fixture keeps its id and whether the tests need it.</param>
    public IdxFixture(DatasetManifest real, IdxFileSet files, int side, int trainCount, int testCount)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testCount);
        _real = real;
        FileNames = files.All;
        TrainPixels = IdxWriter.Pattern(trainCount, side, side, seed: 1);
        TestPixels = IdxWriter.Pattern(testCount, side, side, seed: 2);
        TrainLabels = FixtureLabels.Sequence(trainCount, seed: 9);
        TestLabels = FixtureLabels.Sequence(testCount, seed: 1);
        Files = new Dictionary<string, byte[]>
        {
            [files.TrainImages] = IdxWriter.Gzip(IdxWriter.Images(trainCount, side, side, TrainPixels)),
            [files.TrainLabels] = IdxWriter.Gzip(IdxWriter.Labels(TrainLabels)),
            [files.TestImages] = IdxWriter.Gzip(IdxWriter.Images(testCount, side, side, TestPixels)),
            [files.TestLabels] = IdxWriter.Gzip(IdxWriter.Labels(TestLabels)),
        };
    }

    public IReadOnlyList<string> FileNames { get; }

    public byte[] TrainPixels { get; }

    public byte[] TestPixels { get; }

    public byte[] TrainLabels { get; }

    public byte[] TestLabels { get; }

    /// <summary>File name → the .gz bytes.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public string Sha256(string fileName) => Convert.ToHexStringLower(SHA256.HashData(Files[fileName]));

    public DatasetManifest Manifest(IEnumerable<string>? mirrors = null, IEnumerable<string>? systemFolders = null) =>
        new(
            _real.Id,
            FileNames.Select(name => new DatasetFile(name, [new PinnedHash(Sha256(name), "test fixture")])).ToArray(),
            (mirrors ?? []).ToArray(),
            (systemFolders ?? []).Select(path => new SystemFolder(path, "install the test package fixture-data")).ToArray())
        {
            RequiredForTests = _real.RequiredForTests,
        };

    /// <summary>The files and the manifest pinned to them, as the smoke profile reads a fixture.</summary>
    public FixtureFiles Pinned() => new(Manifest(), Files);

    public void WriteTo(string folder) => Pinned().WriteTo(folder);
}
