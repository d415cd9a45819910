using Repro.Experiments;

namespace Repro.Reproduction.Data;

/// <summary>
/// Turns an experiment's <see cref="DataSpec"/> into training and test tensors. Keeps each dataset's bytes once
/// read, because many experiments share one dataset: use one loader per process.
/// </summary>
public sealed class ExperimentDataLoader(DatasetStore store)
{
    /// <summary>Rows of a fixture's training and test files, unless a slice asks for more.</summary>
    public const int FixtureTrainRows = 200;

    public const int FixtureTestRows = 100;

    private readonly DatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly Dictionary<(string DatasetId, Cifar10Layout Layout, DataOrigin Origin, FixtureSize? Size), ImageClassificationData> _read = [];

    /// <param name="inputShape">The experiment's InputShape; the DataSpec's transforms must produce it.</param>
    /// <param name="slice">Keep only the first rows of each part after the split.</param>
    /// <param name="fixtureWhenMissing">
    /// When the dataset is missing from the store, load a fixture in the real file format instead (nothing is
    /// downloaded then). Without it, a missing dataset is fetched as the store allows: downloaded, or an error saying
    /// what to do when the store is offline. A corrupt dataset is an error either way.
    /// </param>
    public ExperimentDataset Load(DataSpec spec, (int Channels, int Height, int Width) inputShape, DataSlice? slice = null, bool fixtureWhenMissing = false)
    {
        var source = ExperimentDataSource.For(spec);
        var origin = fixtureWhenMissing && Look(source).Missing ? DataOrigin.Fixture : DataOrigin.Real;
        var data = Read(source, origin, slice);
        var images = new ExperimentImages(data, spec, inputShape);
        var (trainRows, testRows) = ExperimentRows.Split(data, spec.Split);
        if (slice is not null)
        {
            trainRows = ExperimentRows.First(trainRows, slice.TrainRows);
            testRows = testRows is null ? null : ExperimentRows.First(testRows, slice.TestRows);
        }

        var train = images.Build(trainRows);
        try
        {
            var test = testRows is null ? null : images.Build(testRows);
            return new ExperimentDataset(train, test, data.ClassNames.Length, data.Files, origin, ExperimentDataDescription.Of(data, spec, trainRows.Length, testRows?.Length, origin));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>Whether the DataSpec's dataset is on disk (or extractable from an archive on disk); never downloads.</summary>
    public DataAvailability Availability(DataSpec spec)
    {
        var look = Look(ExperimentDataSource.For(spec));
        return new DataAvailability(look.Available, look.Reason);
    }

    private ImageClassificationData Read(ExperimentDataSource source, DataOrigin origin, DataSlice? slice)
    {
        FixtureSize? size = origin == DataOrigin.Fixture
            ? new FixtureSize(Math.Max(FixtureTrainRows, Wanted(slice)), Math.Max(FixtureTestRows, Wanted(slice)))
            : null;
        var key = (source.DatasetId, source.Layout, origin, size);
        if (!_read.TryGetValue(key, out var data))
        {
            data = size is { } fixtureSize ? FixtureDataset.Read(source, fixtureSize) : source.Read(_store, source.Manifest);
            _read[key] = data;
        }

        return data;
    }

    // Either part may take all of a slice's rows (a split draws from both files), so each file gets enough for both.
    private static int Wanted(DataSlice? slice) => slice is null ? 0 : slice.TrainRows + slice.TestRows;

    private (bool Available, bool Missing, string Reason) Look(ExperimentDataSource source)
    {
        var inspections = _store.Inspect(source.Manifest);
        var line = DatasetAvailability.Describe(_store, source.Manifest, inspections);
        var reason = source.DatasetId == source.Manifest.Id ? line : $"{source.DatasetId} is derived from {line}";
        if (inspections.Any(i => i.Status == FileStatus.Corrupt))
        {
            return (false, false, reason);
        }

        var absent = inspections.Where(i => i.Status != FileStatus.Present).Select(i => i.File.Name).ToArray();
        var extractable = absent.Length > 0
            && source.Manifest.Archive is { } archive
            && absent.All(archive.Members.Values.Contains)
            && _store.InspectArchive(source.Manifest) is { Status: FileStatus.Present };
        var available = absent.Length == 0 || extractable;
        return (available, !available, reason);
    }
}
