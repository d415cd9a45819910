using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Tests;

/// <summary>
/// A dataset added the way a new one is, in this one file: ten classes of 8×8 grey images in gzipped IDX files (the
/// format MNIST is published in), read by the IDX reader, with an IDX fixture for the smoke profile. Nothing else
/// names it; discovery finds it (<see cref="DatasetDiscoveryTests"/>). No address serves it and no hash is published,
/// so its files are trusted on first use where they are put in its cache folder.
/// </summary>
public sealed class TestDigitsDataset : IDataset
{
    public const string Id = "test-digits";

    public const int Side = 8;

    public static IdxFileSet Files { get; } = new("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    public static DatasetManifest Manifest { get; } = new(Id, [.. Files.All.Select(name => new DatasetFile(name, []))], [], []) { Title = "Test digits" };

    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    string IDataset.Id => Id;

    DatasetManifest IDataset.Manifest => Manifest;

    (int Train, int Test) IDataset.PublishedRows => (60, 30);

    IReadOnlyList<string> IDataset.ClassNames => ClassNames;

    ImageClassificationData IDataset.Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout) =>
        Files.Read(this, store, manifest, "IDX images as published (grey, row-major), pixels 0..255");

    public static IdxFixture Fixture(int trainCount, int testCount) => new(Manifest, Files, Side, trainCount, testCount);

    FixtureFiles IDataset.Fixture(FixtureSize size) => Fixture(size.TrainRows, size.TestRows).Pinned();
}
