using Repro.Experiments;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// CIFAR-10, binary version (report 002), as 3×32×32 images: 50,000 training (data_batch_1..5 in order) and 10,000
/// test, pixels 0..255. Published only as one archive with an MD5; the archive is pinned to that MD5 and the six batch
/// files extracted from it are checked by size and trusted on first use for their SHA-256.
/// </summary>
public sealed class Cifar10Dataset : IDataset
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

    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    string IDataset.Id => Id;

    DatasetManifest IDataset.Manifest => Manifest;

    (int Train, int Test) IDataset.PublishedRows => (50_000, 10_000);

    IReadOnlyList<string> IDataset.ClassNames => ClassNames;

    IReadOnlyList<PixelLayout> IDataset.Layouts => [PixelLayout.AsPublished, PixelLayout.HeightWidthChannelReshape];

    /// <summary>The manifest with another archive pin, batch size and mirrors; tests use it with fixture archives.</summary>
    /// <param name="batchPins">Pins of the extracted batch files by name; without them (as published) they are trusted on first use.</param>
    public static DatasetManifest Create(DatasetFile archive, long batchBytes, IReadOnlyList<string> mirrors, IReadOnlyDictionary<string, PinnedHash>? batchPins = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var names = TrainFiles.Append(TestFile).ToArray();
        return new DatasetManifest(Id, names.Select(n => new DatasetFile(n, batchPins is null ? [] : [batchPins[n]], batchBytes)).ToArray(), mirrors, [])
        {
            Title = "CIFAR-10",
            Archive = new ArchiveSource(archive, names.ToDictionary(n => $"cifar-10-batches-bin/{n}", n => n, StringComparer.Ordinal)),
        };
    }

    /// <param name="manifest">The CIFAR-10 manifest; tests pass one built by <see cref="Create"/>.</param>
    /// <param name="layout">
    /// As published: the planar records (C×H×W). <see cref="PixelLayout.HeightWidthChannelReshape"/>: as run in report
    /// 002 part B, each record reshaped as height×width×channel (<see cref="Cifar10Records.FromHeightWidthChannel"/>).
    /// </param>
    public static ImageClassificationData Load(DatasetStore store, DatasetManifest manifest, PixelLayout layout)
    {
        var (trainRaw, trainLabels, testRaw, testLabels, files) = LoadRaw(store, manifest);
        var reshaped = layout == PixelLayout.HeightWidthChannelReshape;
        var preprocessing = reshaped
            ? "as run in report 002 part B: each record reshaped as height×width×channel ([h,w,c] = raw[h·96 + w·3 + c]), pixels 0..255"
            : "planar records as published (C×H×W), pixels 0..255";
        return new ImageClassificationData(
            manifest.Id, manifest.DisplayName, (Cifar10Records.Channels, Cifar10Records.Side, Cifar10Records.Side), 255,
            reshaped ? Cifar10Records.FromHeightWidthChannel(trainRaw) : trainRaw, trainLabels,
            reshaped ? Cifar10Records.FromHeightWidthChannel(testRaw) : testRaw, testLabels,
            ClassNames, files, null, preprocessing);
    }

    ImageClassificationData IDataset.Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout) => Load(store, manifest, layout);

    FixtureFiles IDataset.Fixture(FixtureSize size) => ArchiveFixture(size);

    /// <summary>The raw (planar) pixel bytes and labels of the training batches in order and of the test batch.</summary>
    internal static (byte[] TrainRaw, byte[] TrainLabels, byte[] TestRaw, byte[] TestLabels, IReadOnlyDictionary<string, ResolvedFile> Files) LoadRaw(DatasetStore store, DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var resolved = store.Resolve(manifest);
        var train = TrainFiles.Select(name => Cifar10Records.Parse(VerifiedBytes.Read(resolved[name]), resolved[name].Path)).ToArray();
        var test = Cifar10Records.Parse(VerifiedBytes.Read(resolved[TestFile]), resolved[TestFile].Path);
        return (train.SelectMany(b => b.Raw).ToArray(), train.SelectMany(b => b.Labels).ToArray(), test.Raw, test.Labels, resolved.Files);
    }

    /// <summary>
    /// Only the archive is written, so the store's extraction runs as it does for a hand-placed real archive. Every
    /// batch holds the same number of records, so five training batches and one test batch cover both sizes.
    /// </summary>
    internal static FixtureFiles ArchiveFixture(FixtureSize size)
    {
        var fixture = new Cifar10Fixture(Math.Max((size.TrainRows + TrainFiles.Count - 1) / TrainFiles.Count, size.TestRows));
        return fixture.Pinned();
    }
}
