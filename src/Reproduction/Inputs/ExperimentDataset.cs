using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>Where an experiment's bytes came from.</summary>
public enum DataOrigin
{
    /// <summary>The published dataset, verified against its pins.</summary>
    Real,

    /// <summary>Synthetic pixels in the real file format, so the pipeline can run where the dataset is missing; its numbers mean nothing.</summary>
    Fixture,
}

/// <summary>The first rows of each part after the split (the smoke profile trains on a few rows only); both at least 1.</summary>
public sealed record DataSlice(int TrainRows, int TestRows)
{
    public int TrainRows { get; } = TrainRows > 0 ? TrainRows : throw new ArgumentOutOfRangeException(nameof(TrainRows), TrainRows, "A slice takes at least one training row.");

    public int TestRows { get; } = TestRows > 0 ? TestRows : throw new ArgumentOutOfRangeException(nameof(TestRows), TestRows, "A slice takes at least one test row.");
}

/// <summary>Whether a DataSpec's dataset can be loaded from disk now, and a sentence saying so (or why not, and what to do).</summary>
public sealed record DataAvailability(bool Available, string Reason);

/// <summary>An experiment's data as tensors: scaled, resized and coloured as its <see cref="Experiments.DataSpec"/> says.</summary>
public sealed class ExperimentDataset : IDisposable
{
    internal ExperimentDataset(LabelledImages train, LabelledImages? test, int classCount, IReadOnlyDictionary<string, ResolvedFile> files, DataOrigin origin, string description)
    {
        Train = train;
        Test = test;
        ClassCount = classCount;
        Files = files;
        Origin = origin;
        Description = description;
    }

    /// <summary>The training part; for a WholeDataset split, every row.</summary>
    public LabelledImages Train { get; }

    /// <summary>The test part; null for a WholeDataset split.</summary>
    public LabelledImages? Test { get; }

    public int ClassCount { get; }

    /// <summary>File name → the verified file the bytes were read from.</summary>
    public IReadOnlyDictionary<string, ResolvedFile> Files { get; }

    public DataOrigin Origin { get; }

    /// <summary>One line for logs and results: dataset, rows, preprocessing, and whether the pixels are fixture data.</summary>
    public string Description { get; }

    public void Dispose()
    {
        Train.Dispose();
        Test?.Dispose();
    }
}
