using System.IO.Compression;
using Repro.Experiments;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// UCI Optical Recognition of Handwritten Digits (reports 000 and 001), in full: 1×8×8 images with pixel values 0..16.
/// </summary>
/// <remarks>
/// The full set is the archive's two files: optdigits.tra (3,823 images) and optdigits.tes (1,797). The reports
/// fetched it with ucimlrepo (fetch_ucirepo(id=80)), whose data.csv concatenates the training file's rows and then
/// the test file's; Repro keeps that order (training rows, then test rows) so that a split drawn with the reports'
/// seed over row indices picks the same images (<see cref="ImageClassificationData.AllImages"/>). UCI publishes no
/// hashes, so the files are trusted on first use. The part Debian ships is <see cref="UciDigitsSubsetDataset"/>.
/// </remarks>
public sealed class UciDigitsDataset : IDataset
{
    public const string Id = "uci-digits";

    public const string TrainingFile = "optdigits.tra";
    public const string TestFile = "optdigits.tes";

    public const string CanonicalMirror = "https://archive.ics.uci.edu/ml/machine-learning-databases/optdigits/";

    public static DatasetManifest Manifest { get; } = new(
        Id,
        [new DatasetFile(TrainingFile, []), new DatasetFile(TestFile, [])],
        [CanonicalMirror],
        [])
    {
        Title = "UCI digits, full: 5,620 images",
    };

    /// <summary>The classes are the digits themselves.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    string IDataset.Id => Id;

    DatasetManifest IDataset.Manifest => Manifest;

    (int Train, int Test) IDataset.PublishedRows => (3_823, 1_797);

    IReadOnlyList<string> IDataset.ClassNames => ClassNames;

    /// <summary>
    /// The full set keeps UCI's partition (Train = optdigits.tra, Test = optdigits.tes); the reports split the
    /// concatenated rows themselves. The scikit-learn subset is UCI's test file, so it has only Test.
    /// </summary>
    /// <param name="manifest">The full or the subset manifest (by its files); tests pass ones pinned to fixtures.</param>
    public static ImageClassificationData Load(DatasetStore store, DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var resolved = store.Resolve(manifest);
        if (resolved.Files.ContainsKey(UciDigitsSubsetDataset.SubsetFile))
        {
            var file = resolved[UciDigitsSubsetDataset.SubsetFile];
            var (pixels, labels) = OptDigitsReader.Parse(Gunzip(VerifiedBytes.Read(file), file.Path), file.Path);
            return Create(manifest, [], [], pixels, labels, resolved.Files, "scikit-learn's digits.csv.gz rows (UCI optdigits.tes), unchanged");
        }

        var train = resolved[TrainingFile];
        var test = resolved[TestFile];
        var (trainPixels, trainLabels) = OptDigitsReader.Parse(VerifiedBytes.Read(train), train.Path);
        var (testPixels, testLabels) = OptDigitsReader.Parse(VerifiedBytes.Read(test), test.Path);
        return Create(manifest, trainPixels, trainLabels, testPixels, testLabels, resolved.Files, "UCI optdigits.tra then optdigits.tes rows, unchanged");
    }

    ImageClassificationData IDataset.Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout) => Load(store, manifest);

    FixtureFiles IDataset.Fixture(FixtureSize size)
    {
        var fixture = new UciDigitsFixture(size.TrainRows, size.TestRows);
        return new(fixture.PinnedFull(), new Dictionary<string, byte[]> { [TrainingFile] = fixture.Training, [TestFile] = fixture.Test });
    }

    private static ImageClassificationData Create(DatasetManifest manifest, byte[] trainPixels, byte[] trainLabels, byte[] testPixels, byte[] testLabels, IReadOnlyDictionary<string, ResolvedFile> files, string preprocessing) =>
        new(manifest.Id, manifest.DisplayName, (1, OptDigitsReader.Side, OptDigitsReader.Side), OptDigitsReader.MaxValue, trainPixels, trainLabels, testPixels, testLabels, ClassNames, files, manifest.SubsetOf, preprocessing);

    private static byte[] Gunzip(byte[] gz, string path)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path} is not a valid gzip file: {e.Message}. Delete it so that it is fetched again.", e);
        }
    }
}
