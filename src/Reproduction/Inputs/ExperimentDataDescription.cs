using System.Globalization;
using Repro.Experiments;
using Repro.Reproduction.Datasets;

namespace Repro.Reproduction.Inputs;

/// <summary>The one-line account of an experiment's data that logs and results carry.</summary>
internal static class ExperimentDataDescription
{
    public const string FixtureNote = "fixture data (same format, synthetic pixels)";

    public static string Of(ImageClassificationData data, DataSpec spec, int trainRows, int? testRows, DataOrigin origin)
    {
        var parts = new List<string>
        {
            $"{data.DisplayName} ({data.DatasetId})",
            testRows is { } test ? $"{trainRows} training + {test} test rows" : $"{trainRows} rows, no test part",
            Split(spec.Split),
            data.Preprocessing,
            $"pixels / {spec.PixelScale.ToString(CultureInfo.InvariantCulture)}",
        };
        if (spec.ResizeTo is { } size)
        {
            parts.Add($"resized {data.Height}×{data.Width} → {size.Height}×{size.Width} (skimage bilinear)");
        }

        if (spec.GreyToRgb)
        {
            parts.Add("grey repeated to 3 channels");
        }

        if (spec.SubstituteFor is { } substitute)
        {
            parts.Add($"substitute: {substitute}");
        }

        if (origin == DataOrigin.Fixture)
        {
            parts.Add(FixtureNote);
        }

        return string.Join("; ", parts);
    }

    private static string Split(DataSplit split) => split switch
    {
        PublishedSplit => "published train/test files",
        TrainTestSplit s => $"train_test_split(test_size={s.TestSize.ToString(CultureInfo.InvariantCulture)}, random_state={s.RandomState})",
        WholeDataset => "all rows",
        _ => split.ToString(),
    };
}
