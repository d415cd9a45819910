using Repro.Experiments;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// Report 002 part A's "Input Dataset": a course-provided greyscale 32×32 set with CIFAR-10's sizes and class names.
/// The course never published it or its conversion, so this is a reconstruction: CIFAR-10 (planar, as published)
/// turned grey with BT.601 luma (<see cref="Luma"/>), the formula OpenCV and PIL use by default. It has no files of
/// its own: it is read from CIFAR-10's.
/// </summary>
public sealed class GreyCifar10Dataset : IDataset
{
    public const string Id = "cifar-10-grey";

    string IDataset.Id => Id;

    DatasetManifest IDataset.Manifest => Cifar10Dataset.Manifest;

    string IDataset.Derivation => "BT.601 luma";

    (int Train, int Test) IDataset.PublishedRows => (50_000, 10_000);

    IReadOnlyList<string> IDataset.ClassNames => Cifar10Dataset.ClassNames;

    /// <param name="cifar10">The CIFAR-10 manifest; tests pass one built by <see cref="Cifar10Dataset.Create"/>.</param>
    public static ImageClassificationData Load(DatasetStore store, DatasetManifest cifar10)
    {
        var (trainRaw, trainLabels, testRaw, testLabels, files) = Cifar10Dataset.LoadRaw(store, cifar10);
        return new ImageClassificationData(
            Id, "CIFAR-10 greyscale (reconstruction of report 002 part A's input)", (1, Cifar10Records.Side, Cifar10Records.Side), 255,
            Luma.FromPlanarRgb(trainRaw, Cifar10Records.Side, Cifar10Records.Side), trainLabels,
            Luma.FromPlanarRgb(testRaw, Cifar10Records.Side, Cifar10Records.Side), testLabels,
            Cifar10Dataset.ClassNames, files, null,
            "reconstruction: CIFAR-10 planar RGB to grey with ITU-R BT.601 luma Y = 0.299 R + 0.587 G + 0.114 B (rounded, as PIL); the course's own formula is unpublished");
    }

    ImageClassificationData IDataset.Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout) => Load(store, manifest);

    FixtureFiles IDataset.Fixture(FixtureSize size) => Cifar10Dataset.ArchiveFixture(size);
}
