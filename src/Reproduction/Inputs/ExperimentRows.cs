using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Splits;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// Which rows of a dataset form the training and the test part. A row index counts the training file's rows, then
/// the test file's (<see cref="ImageClassificationData.AllImages"/>), the order the reports' splits were drawn over.
/// </summary>
internal static class ExperimentRows
{
    public static (int[] Train, int[]? Test) Split(ImageClassificationData data, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(data);
        var all = data.TrainCount + data.TestCount;
        return split switch
        {
            PublishedSplit when data.TrainCount == 0 => throw new DatasetException(
                $"'{data.DatasetId}' has no published training part ({data.DisplayName}); give its DataSpec a TrainTestSplit or WholeDataset split."),
            PublishedSplit => (Range(0, data.TrainCount), Range(data.TrainCount, data.TestCount)),
            TrainTestSplit s => SklearnSplits.TrainTestSplit(all, s.TestSize, s.RandomState),
            WholeDataset => (Range(0, all), null),
            _ => throw new DatasetException($"DataSpec for '{data.DatasetId}' has a split Repro does not know: {split}."),
        };
    }

    /// <summary>The first <paramref name="count"/> rows, or all of them when there are fewer.</summary>
    public static int[] First(int[] rows, int count) => rows[..Math.Min(rows.Length, count)];

    /// <summary>The pixel bytes (C×H×W) and the label of one row.</summary>
    public static (ReadOnlyMemory<byte> Image, byte Label) Row(ImageClassificationData data, int row)
    {
        var size = data.Channels * data.Height * data.Width;
        return row < data.TrainCount
            ? (data.TrainImages.AsMemory(row * size, size), data.TrainLabels[row])
            : (data.TestImages.AsMemory((row - data.TrainCount) * size, size), data.TestLabels[row - data.TrainCount]);
    }

    private static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];
}
