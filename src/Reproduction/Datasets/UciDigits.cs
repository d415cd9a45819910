using System.IO.Compression;
using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// Loads the UCI digits as 1×8×8 images with pixel values 0..16. The full set keeps UCI's partition (Train =
/// optdigits.tra, Test = optdigits.tes); the reports split the concatenated rows themselves, which is
/// <see cref="ImageClassificationData.AllImages"/>. The scikit-learn subset is UCI's test file, so it has only Test.
/// </summary>
public static class UciDigits
{
    private static readonly string[] Classes = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <param name="subset">False: the full 5,620 images (not obtainable offline); true: the 1,797-image scikit-learn subset.</param>
    public static ImageClassificationData Load(DatasetStore store, bool subset) =>
        Load(store, subset ? UciDigitsManifest.Subset : UciDigitsManifest.Full);

    /// <param name="manifest">The full or the subset manifest (by its files); tests pass ones pinned to fixtures.</param>
    public static ImageClassificationData Load(DatasetStore store, DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var resolved = store.Resolve(manifest);
        if (resolved.Files.ContainsKey(UciDigitsManifest.SubsetFile))
        {
            var file = resolved[UciDigitsManifest.SubsetFile];
            var (pixels, labels) = OptDigitsReader.Parse(Gunzip(VerifiedBytes.Read(file), file.Path), file.Path);
            return Create(manifest, [], [], pixels, labels, resolved.Files, "scikit-learn's digits.csv.gz rows (UCI optdigits.tes), unchanged");
        }

        var train = resolved[UciDigitsManifest.TrainingFile];
        var test = resolved[UciDigitsManifest.TestFile];
        var (trainPixels, trainLabels) = OptDigitsReader.Parse(VerifiedBytes.Read(train), train.Path);
        var (testPixels, testLabels) = OptDigitsReader.Parse(VerifiedBytes.Read(test), test.Path);
        return Create(manifest, trainPixels, trainLabels, testPixels, testLabels, resolved.Files, "UCI optdigits.tra then optdigits.tes rows, unchanged");
    }

    private static ImageClassificationData Create(DatasetManifest manifest, byte[] trainPixels, byte[] trainLabels, byte[] testPixels, byte[] testLabels, IReadOnlyDictionary<string, ResolvedFile> files, string preprocessing) =>
        new(manifest.Id, manifest.DisplayName, (1, OptDigitsReader.Side, OptDigitsReader.Side), OptDigitsReader.MaxValue, trainPixels, trainLabels, testPixels, testLabels, Classes, files, manifest.SubsetOf, preprocessing);

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
