using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// A labelled image dataset in memory, the one shape the training code needs for every dataset: images as bytes in
/// NCHW order (image, channel, row, column), one label byte per image, the class names, and the provenance of every
/// file the bytes came from. A subset says so (<see cref="IsSubset"/>, <see cref="SubsetOf"/>) so that results on it
/// can be kept apart from the full set's published numbers.
/// </summary>
public sealed class ImageClassificationData
{
    private readonly string[] _classNames;

    public ImageClassificationData(
        string datasetId,
        string displayName,
        (int Channels, int Height, int Width) shape,
        int maxPixelValue,
        byte[] trainImages,
        byte[] trainLabels,
        byte[] testImages,
        byte[] testLabels,
        IReadOnlyList<string> classNames,
        IReadOnlyDictionary<string, ResolvedFile> files,
        string? subsetOf,
        string preprocessing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetId);
        ArgumentNullException.ThrowIfNull(trainImages);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testImages);
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(files);
        var size = shape.Channels * shape.Height * shape.Width;
        if (size <= 0 || trainImages.Length != trainLabels.Length * size || testImages.Length != testLabels.Length * size)
        {
            throw new ArgumentException($"{datasetId}: image bytes do not match {trainLabels.Length}+{testLabels.Length} images of {shape.Channels}×{shape.Height}×{shape.Width}.");
        }

        DatasetId = datasetId;
        DisplayName = displayName;
        Channels = shape.Channels;
        Height = shape.Height;
        Width = shape.Width;
        MaxPixelValue = maxPixelValue;
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
        _classNames = classNames.ToArray();
        Files = files;
        SubsetOf = subsetOf;
        Preprocessing = preprocessing;
    }

    public string DatasetId { get; }

    public string DisplayName { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>(C, H, W) of one image.</summary>
    public (int Channels, int Height, int Width) Shape => (Channels, Height, Width);

    /// <summary>The largest value a pixel can take in these bytes: 255, or 16 for the UCI digits' 4×4-block counts.</summary>
    public int MaxPixelValue { get; }

    public byte[] TrainImages { get; }

    public byte[] TrainLabels { get; }

    public byte[] TestImages { get; }

    public byte[] TestLabels { get; }

    public int TrainCount => TrainLabels.Length;

    public int TestCount => TestLabels.Length;

    /// <summary>Indexed by label. A fresh copy each time, so no caller can rename a class for everyone.</summary>
    public string[] ClassNames => (string[])_classNames.Clone();

    /// <summary>File name → where it was read from, its SHA-256, its source and the pin or first-use record it matched.</summary>
    public IReadOnlyDictionary<string, ResolvedFile> Files { get; }

    /// <summary>The id of the full dataset this is part of, or null for a full dataset.</summary>
    public string? SubsetOf { get; }

    public bool IsSubset => SubsetOf is not null;

    /// <summary>What was done to the published bytes (layout, colour), in words for results.</summary>
    public string Preprocessing { get; }

    /// <summary>Training images then test images, the row order of a dataset published as one table.</summary>
    public byte[] AllImages() => [.. TrainImages, .. TestImages];

    /// <summary>Training labels then test labels, matching <see cref="AllImages"/>.</summary>
    public byte[] AllLabels() => [.. TrainLabels, .. TestLabels];
}
