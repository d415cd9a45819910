using Repro.Reproduction.Formats;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>CIFAR-10 as 3×32×32 images, 50,000 training (data_batch_1..5 in order) and 10,000 test, pixels 0..255.</summary>
public static class Cifar10
{
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static ImageClassificationData Load(DatasetStore store, Cifar10Layout layout) => Load(store, Cifar10Manifest.Manifest, layout);

    /// <param name="manifest">The CIFAR-10 manifest; tests pass one built by <see cref="Cifar10Manifest.Create"/>.</param>
    public static ImageClassificationData Load(DatasetStore store, DatasetManifest manifest, Cifar10Layout layout)
    {
        var (trainRaw, trainLabels, testRaw, testLabels, files) = LoadRaw(store, manifest);
        var preprocessing = layout == Cifar10Layout.Planar
            ? "planar records as published (C×H×W), pixels 0..255"
            : "as run in report 002 part B: each record reshaped as height×width×channel ([h,w,c] = raw[h·96 + w·3 + c]), pixels 0..255";
        return new ImageClassificationData(
            manifest.Id, manifest.DisplayName, (Cifar10Records.Channels, Cifar10Records.Side, Cifar10Records.Side), 255,
            Cifar10Records.ToNchw(trainRaw, layout), trainLabels, Cifar10Records.ToNchw(testRaw, layout), testLabels,
            ClassNames, files, null, preprocessing);
    }

    /// <summary>The raw (planar) pixel bytes and labels of the training batches in order and of the test batch.</summary>
    internal static (byte[] TrainRaw, byte[] TrainLabels, byte[] TestRaw, byte[] TestLabels, IReadOnlyDictionary<string, ResolvedFile> Files) LoadRaw(DatasetStore store, DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        var resolved = store.Resolve(manifest);
        var train = Cifar10Manifest.TrainFiles.Select(name => Cifar10Records.Parse(VerifiedBytes.Read(resolved[name]), resolved[name].Path)).ToArray();
        var test = Cifar10Records.Parse(VerifiedBytes.Read(resolved[Cifar10Manifest.TestFile]), resolved[Cifar10Manifest.TestFile].Path);
        return (train.SelectMany(b => b.Raw).ToArray(), train.SelectMany(b => b.Labels).ToArray(), test.Raw, test.Labels, resolved.Files);
    }
}
