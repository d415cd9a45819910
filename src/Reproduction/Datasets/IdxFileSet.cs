using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// The four IDX files of an MNIST-style dataset (grey images, row-major, one byte per pixel, image after image, and
/// one label byte per image), and how they are read into the one shape every dataset has.
/// </summary>
public sealed record IdxFileSet(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    public IReadOnlyList<string> All => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The verified files of <paramref name="manifest"/> as 1×H×W images of <paramref name="dataset"/>, whose name and classes they carry.</summary>
    public ImageClassificationData Read(IDataset dataset, DatasetStore store, DatasetManifest manifest, string preprocessing)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var resolved = store.Resolve(manifest);
        var title = dataset.Manifest.DisplayName;
        var train = IdxReader.ReadImages(VerifiedBytes.Read(resolved[TrainImages]), resolved[TrainImages].Path);
        var trainLabels = IdxReader.ReadLabels(VerifiedBytes.Read(resolved[TrainLabels]), resolved[TrainLabels].Path);
        var test = IdxReader.ReadImages(VerifiedBytes.Read(resolved[TestImages]), resolved[TestImages].Path);
        var testLabels = IdxReader.ReadLabels(VerifiedBytes.Read(resolved[TestLabels]), resolved[TestLabels].Path);

        CheckPair(title, dataset.ClassNames.Count, train, trainLabels, resolved[TrainImages], resolved[TrainLabels]);
        CheckPair(title, dataset.ClassNames.Count, test, testLabels, resolved[TestImages], resolved[TestLabels]);
        if (train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new DatasetException(
                $"{title} train images are {train.Rows}×{train.Columns} but test images are {test.Rows}×{test.Columns} ({resolved[TrainImages].Path}, {resolved[TestImages].Path}); the files do not belong together.");
        }

        return new ImageClassificationData(dataset.Id, title, (1, train.Rows, train.Columns), byte.MaxValue, train.Pixels, trainLabels, test.Pixels, testLabels,
            dataset.ClassNames, resolved.Files, null, preprocessing);
    }

    private static void CheckPair(string title, int classes, IdxImages images, byte[] labels, ResolvedFile imageFile, ResolvedFile labelFile)
    {
        if (images.Count != labels.Length)
        {
            throw new DatasetException($"{imageFile.Path} holds {images.Count} images but {labelFile.Path} holds {labels.Length} labels; the files do not belong together.");
        }

        var bad = Array.FindIndex(labels, l => l >= classes);
        if (bad >= 0)
        {
            throw new DatasetException($"{labelFile.Path} has label {labels[bad]} at index {bad}; {title} labels are 0..{classes - 1}.");
        }
    }
}
