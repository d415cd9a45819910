using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// How one DataSpec's dataset is read: the manifest whose files it needs, the reader (the same for real and
/// fixture files) and the fixture that stands in for the files when they are missing.
/// </summary>
internal sealed record ExperimentDataSource(
    string DatasetId,
    Cifar10Layout Layout,
    DatasetManifest Manifest,
    Func<DatasetStore, DatasetManifest, ImageClassificationData> Read,
    Func<FixtureSize, FixtureFiles> Fixture)
{
    public static IReadOnlyList<string> KnownIds { get; } =
        [FashionMnistManifest.Id, UciDigitsManifest.Id, UciDigitsManifest.SubsetId, Cifar10Manifest.Id, GreyCifar10.Id];

    public static ExperimentDataSource For(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = spec.Layout switch
        {
            PixelLayout.AsPublished => Cifar10Layout.Planar,
            PixelLayout.HeightWidthChannelReshape when spec.DatasetId == Cifar10Manifest.Id => Cifar10Layout.AsRunHeightWidthChannel,
            PixelLayout.HeightWidthChannelReshape => throw new DatasetException(
                $"DataSpec for '{spec.DatasetId}' asks for Layout HeightWidthChannelReshape, which only CIFAR-10 ('{Cifar10Manifest.Id}') has; use PixelLayout.AsPublished."),
            _ => throw new DatasetException($"DataSpec for '{spec.DatasetId}' has an unknown Layout {spec.Layout}."),
        };

        return spec.DatasetId switch
        {
            FashionMnistManifest.Id => new(spec.DatasetId, layout, FashionMnistManifest.Manifest,
                (store, manifest) => FashionMnist.Load(store, manifest).ToImageClassificationData(),
                size => FashionFixture(new FashionMnistFixture(size.TrainRows, size.TestRows))),
            UciDigitsManifest.Id => new(spec.DatasetId, layout, UciDigitsManifest.Full,
                UciDigits.Load,
                size => FullDigitsFixture(new UciDigitsFixture(size.TrainRows, size.TestRows))),
            UciDigitsManifest.SubsetId => new(spec.DatasetId, layout, UciDigitsManifest.Subset,
                UciDigits.Load,
                size => SubsetDigitsFixture(new UciDigitsFixture(0, size.TrainRows + size.TestRows))),
            Cifar10Manifest.Id => new(spec.DatasetId, layout, Cifar10Manifest.Manifest,
                (store, manifest) => Cifar10.Load(store, manifest, layout),
                Cifar10Archive),
            GreyCifar10.Id => new(spec.DatasetId, layout, Cifar10Manifest.Manifest,
                GreyCifar10.Load,
                Cifar10Archive),
            _ => throw new DatasetException($"Unknown dataset '{spec.DatasetId}' in the DataSpec. Known datasets: {string.Join(", ", KnownIds)}."),
        };
    }

    private static FixtureFiles FashionFixture(FashionMnistFixture fixture) => new(fixture.Manifest(), fixture.Files);

    private static FixtureFiles FullDigitsFixture(UciDigitsFixture fixture) =>
        new(fixture.PinnedFull(), new Dictionary<string, byte[]> { [UciDigitsManifest.TrainingFile] = fixture.Training, [UciDigitsManifest.TestFile] = fixture.Test });

    private static FixtureFiles SubsetDigitsFixture(UciDigitsFixture fixture) =>
        new(fixture.Subset([]), new Dictionary<string, byte[]> { [UciDigitsManifest.SubsetFile] = fixture.SubsetGz });

    /// <summary>
    /// Only the archive is written, so the store's extraction runs as it does for a hand-placed real archive. Every
    /// batch holds the same number of records, so five training batches and one test batch cover both sizes.
    /// </summary>
    private static FixtureFiles Cifar10Archive(FixtureSize size)
    {
        var fixture = new Cifar10Fixture(Math.Max((size.TrainRows + Cifar10Manifest.TrainFiles.Count - 1) / Cifar10Manifest.TrainFiles.Count, size.TestRows));
        return new(fixture.Manifest([]), new Dictionary<string, byte[]> { [Cifar10Manifest.ArchiveFile] = fixture.Archive });
    }
}

/// <summary>How many rows a fixture's training and test files hold.</summary>
internal readonly record struct FixtureSize(int TrainRows, int TestRows);
