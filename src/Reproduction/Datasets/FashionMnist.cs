using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// Fashion-MNIST in memory, as the raw bytes of its IDX files (images row-major, one byte per pixel, image after
/// image), with the provenance of every file so a result can name exactly which bytes it was trained on.
/// </summary>
public sealed class FashionMnist
{
    public const string TrainImagesFile = "train-images-idx3-ubyte.gz";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte.gz";
    public const string TestImagesFile = "t10k-images-idx3-ubyte.gz";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte.gz";

    /// <summary>The ten classes in label order, as the dataset's README names them.</summary>
    public static IReadOnlyList<string> ClassNameList { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private FashionMnist(IdxImages train, byte[] trainLabels, IdxImages test, byte[] testLabels, IReadOnlyDictionary<string, ResolvedFile> files)
    {
        TrainImages = train.Pixels;
        TrainLabels = trainLabels;
        TestImages = test.Pixels;
        TestLabels = testLabels;
        Rows = train.Rows;
        Columns = train.Columns;
        Files = files;
    }

    public byte[] TrainImages { get; }

    public byte[] TrainLabels { get; }

    public byte[] TestImages { get; }

    public byte[] TestLabels { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int TrainCount => TrainLabels.Length;

    public int TestCount => TestLabels.Length;

    /// <summary>Indexed by label. A fresh copy each time, so no caller can rename a class for everyone.</summary>
    public string[] ClassNames => [.. ClassNameList];

    /// <summary>File name → where it was read from, its SHA-256 and whether it came from the cache, a system folder or a download.</summary>
    public IReadOnlyDictionary<string, ResolvedFile> Files { get; }

    /// <summary>The same bytes in the shape every other dataset has (1×28×28 grey images), for the experiment pipeline.</summary>
    public ImageClassificationData ToImageClassificationData() =>
        new(FashionMnistManifest.Id, FashionMnistManifest.Manifest.DisplayName, (1, Rows, Columns), byte.MaxValue, TrainImages, TrainLabels, TestImages, TestLabels,
            ClassNameList, Files, null, "IDX images as published (grey, row-major), pixels 0..255");

    public static FashionMnist Load(DatasetStore store) => Load(store, FashionMnistManifest.Manifest);

    /// <param name="store">Where to look for and put the files.</param>
    /// <param name="manifest">Must name the four Fashion-MNIST files; tests pass one pinned to fixtures.</param>
    public static FashionMnist Load(DatasetStore store, DatasetManifest manifest) =>
        LoadAsync(store, manifest).GetAwaiter().GetResult();

    public static async Task<FashionMnist> LoadAsync(DatasetStore store, DatasetManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var resolved = await store.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
        var train = IdxReader.ReadImages(VerifiedBytes.Read(resolved[TrainImagesFile]), resolved[TrainImagesFile].Path);
        var trainLabels = IdxReader.ReadLabels(VerifiedBytes.Read(resolved[TrainLabelsFile]), resolved[TrainLabelsFile].Path);
        var test = IdxReader.ReadImages(VerifiedBytes.Read(resolved[TestImagesFile]), resolved[TestImagesFile].Path);
        var testLabels = IdxReader.ReadLabels(VerifiedBytes.Read(resolved[TestLabelsFile]), resolved[TestLabelsFile].Path);

        CheckPair(train, trainLabels, resolved[TrainImagesFile], resolved[TrainLabelsFile]);
        CheckPair(test, testLabels, resolved[TestImagesFile], resolved[TestLabelsFile]);
        if (train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new DatasetException(
                $"Fashion-MNIST train images are {train.Rows}×{train.Columns} but test images are {test.Rows}×{test.Columns} ({resolved[TrainImagesFile].Path}, {resolved[TestImagesFile].Path}); the files do not belong together.");
        }

        return new FashionMnist(train, trainLabels, test, testLabels, resolved.Files);
    }

    private static void CheckPair(IdxImages images, byte[] labels, ResolvedFile imageFile, ResolvedFile labelFile)
    {
        if (images.Count != labels.Length)
        {
            throw new DatasetException($"{imageFile.Path} holds {images.Count} images but {labelFile.Path} holds {labels.Length} labels; the files do not belong together.");
        }

        var bad = Array.FindIndex(labels, l => l >= ClassNameList.Count);
        if (bad >= 0)
        {
            throw new DatasetException($"{labelFile.Path} has label {labels[bad]} at index {bad}; Fashion-MNIST labels are 0..{ClassNameList.Count - 1}.");
        }
    }
}
