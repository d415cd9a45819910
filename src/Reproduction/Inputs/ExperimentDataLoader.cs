using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// Turns an experiment's <see cref="DataSpec"/> into training and test tensors. Keeps each dataset's bytes once
/// read, and what the disk holds of it once looked at (hashing every file), because many experiments share one
/// dataset: use one loader per process.
/// </summary>
public sealed class ExperimentDataLoader(DatasetStore store)
{
    /// <summary>Rows of a fixture's training and test files, unless a slice asks for more.</summary>
    public const int FixtureTrainRows = 200;

    public const int FixtureTestRows = 100;

    private readonly DatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly Dictionary<(string DatasetId, PixelLayout Layout, DataOrigin Origin, FixtureSize? Size), ImageClassificationData> _read = [];
    private readonly Dictionary<string, DatasetOnDisk> _onDisk = new(StringComparer.Ordinal);

    /// <param name="inputShape">The experiment's InputShape; the DataSpec's transforms must produce it.</param>
    /// <param name="slice">Keep only the first rows of each part after the split.</param>
    /// <param name="fixtureWhenMissing">
    /// When the dataset is missing from the store, load a fixture in the real file format instead (nothing is
    /// downloaded then). Without it, a missing dataset is fetched as the store allows: downloaded, or an error saying
    /// what to do when the store is offline. A corrupt dataset is an error either way.
    /// </param>
    public ExperimentDataset Load(DataSpec spec, (int Channels, int Height, int Width) inputShape, DataSlice? slice = null, bool fixtureWhenMissing = false)
    {
        var dataset = DatasetRegistry.For(spec);
        var origin = fixtureWhenMissing && OnDisk(dataset.Manifest).State == DiskState.Missing ? DataOrigin.Fixture : DataOrigin.Real;
        var data = Read(dataset, spec.Layout, origin, slice);
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

    /// <summary>
    /// Whether the DataSpec's dataset is on disk (or extractable from an archive on disk). Looks at the disk only: a
    /// report or a run plan asks this for every experiment, and whether the network could supply a missing dataset
    /// is for `repro data fetch` to find out (and say where to put the files when it cannot).
    /// </summary>
    public DataAvailability Availability(DataSpec spec)
    {
        var dataset = DatasetRegistry.For(spec);
        var onDisk = OnDisk(dataset.Manifest);
        var id = dataset.Manifest.Id;
        var name = dataset.Id == id ? id : $"{dataset.Id} (derived from {id})";
        var reason = onDisk.State switch
        {
            DiskState.Corrupt => $"{name} is corrupt on this machine ({string.Join(", ", onDisk.Corrupt.Select(i => i.Path))}); delete the files and run `repro data fetch {id}`",
            DiskState.Missing => $"{name} not on this machine; `repro data fetch {id}` downloads it or says where to put the files",
            _ => $"{name} is on this machine",
        };
        return new DataAvailability(onDisk.Loadable, reason);
    }

    private ImageClassificationData Read(IDataset dataset, PixelLayout layout, DataOrigin origin, DataSlice? slice)
    {
        FixtureSize? size = origin == DataOrigin.Fixture
            ? new FixtureSize(Math.Max(FixtureTrainRows, Wanted(slice)), Math.Max(FixtureTestRows, Wanted(slice)))
            : null;
        var key = (dataset.Id, layout, origin, size);
        if (!_read.TryGetValue(key, out var data))
        {
            // Reading the real files may download or extract them: look at the disk afresh next time.
            if (origin == DataOrigin.Real) _onDisk.Remove(dataset.Manifest.Id);
            data = size is { } fixtureSize ? FixtureDataset.Read(dataset, layout, fixtureSize) : dataset.Read(_store, dataset.Manifest, layout);
            _read[key] = data;
        }

        return data;
    }

    // Either part may take all of a slice's rows (a split draws from both files), so each file gets enough for both.
    private static int Wanted(DataSlice? slice) => slice is null ? 0 : slice.TrainRows + slice.TestRows;

    private DatasetOnDisk OnDisk(DatasetManifest manifest)
    {
        if (!_onDisk.TryGetValue(manifest.Id, out var onDisk))
        {
            onDisk = DatasetOnDisk.Of(_store, manifest, _store.Inspect(manifest));
            _onDisk[manifest.Id] = onDisk;
        }

        return onDisk;
    }
}
