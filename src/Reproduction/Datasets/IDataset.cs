using Repro.Experiments;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// A dataset an experiment's DataSpec can name, registered in one place: its files with their pinned hashes and
/// sources, its reader, its smoke fixture, its published row counts and its class names. Implementing it (a class
/// with a parameterless constructor) is the whole registration; <see cref="DatasetRegistry"/> finds it by discovery,
/// and the experiment inputs, `repro data`, `repro list`'s time estimates and the report's confusion matrices read it.
/// </summary>
public interface IDataset
{
    /// <summary>The id DataSpecs and `repro data` name it by; also its folder in the dataset cache.</summary>
    string Id { get; }

    /// <summary>The files it is read from; a dataset derived from another dataset's files has that dataset's manifest.</summary>
    DatasetManifest Manifest { get; }

    /// <summary>How a derived dataset is made from <see cref="Manifest"/>'s files, for `repro data list`; null when the files are its own.</summary>
    string? Derivation => null;

    /// <summary>Training and test rows as published, so that a time estimate needs no data on disk.</summary>
    (int Train, int Test) PublishedRows { get; }

    /// <summary>The classes in label order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>The pixel layouts a DataSpec may ask for.</summary>
    IReadOnlyList<PixelLayout> Layouts => [PixelLayout.AsPublished];

    /// <summary>
    /// Parses the verified files of <paramref name="manifest"/>: <see cref="Manifest"/>, or a fixture's manifest of
    /// the same files pinned to the fixture's hashes (the same reader serves both).
    /// </summary>
    ImageClassificationData Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout);

    /// <summary>Files in the real format with synthetic pixels, and their manifest: what the smoke profile trains on where the dataset is missing.</summary>
    FixtureFiles Fixture(FixtureSize size);
}
