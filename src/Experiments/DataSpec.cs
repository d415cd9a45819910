namespace Repro.Experiments;

/// <summary>
/// Which dataset an experiment reads (its id as `repro data list` names it) and what the report's
/// code did to the published bytes before training.
/// </summary>
/// <param name="DatasetId">A dataset id of `repro data list`.</param>
/// <param name="PixelScale">Pixels are divided by this (255 for "/255", 1 where the report did not scale).</param>
public sealed record DataSpec(string DatasetId, double PixelScale)
{
    /// <summary>Which rows are the training part and which the test part.</summary>
    public DataSplit Split { get; init; } = new PublishedSplit();

    /// <summary>How the published pixel bytes become an image (report 002's colour set was reshaped wrongly).</summary>
    public PixelLayout Layout { get; init; } = PixelLayout.AsPublished;

    /// <summary>
    /// skimage.transform.resize(image, (H, W)) with its defaults (bilinear, order 1) before training, or null.
    /// Report 003's transfer models enlarged the 28×28 images to 32×32.
    /// </summary>
    public (int Height, int Width)? ResizeTo { get; init; }

    /// <summary>Repeat the single grey channel three times (skimage's gray2rgb, or np.stack of three copies).</summary>
    public bool GreyToRgb { get; init; }

    /// <summary>
    /// Why this dataset stands in for the one the report used, or null when it is the same data.
    /// Results on a substitute are labelled as such and never compared with the report's numbers.
    /// </summary>
    public string? SubstituteFor { get; init; }
}

/// <summary>How a dataset's rows are divided between training and test.</summary>
public abstract record DataSplit;

/// <summary>The dataset's own training and test files (Fashion-MNIST's 60,000/10,000, CIFAR-10's 50,000/10,000).</summary>
public sealed record PublishedSplit : DataSplit;

/// <summary>
/// sklearn.model_selection.train_test_split(X, y, test_size, random_state) over every row of the
/// dataset in its published order (training file, then test file).
/// </summary>
public sealed record TrainTestSplit(double TestSize, int RandomState) : DataSplit;

/// <summary>Every row of the dataset is the training part and there is no test part (report 001's KFold over all images).</summary>
public sealed record WholeDataset : DataSplit;

/// <summary>How the bytes of one published record are arranged into an image.</summary>
public enum PixelLayout
{
    /// <summary>The layout the dataset was published in (CIFAR-10: red, green and blue planes).</summary>
    AsPublished,

    /// <summary>
    /// Report 002 part B as run: CIFAR-10's 3,072 planar bytes reshaped straight to 32×32×3, so element
    /// [h, w, c] is byte h·96 + w·3 + c. Scrambles the image; kept because that is what was trained on.
    /// </summary>
    HeightWidthChannelReshape,
}
