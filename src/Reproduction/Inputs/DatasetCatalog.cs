using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>The datasets the harness knows by id, the experiments' pretrained weight files among them, for the command line and for build scripts.</summary>
public static class DatasetCatalog
{
    public static IReadOnlyList<DatasetManifest> All { get; } =
        [FashionMnistManifest.Manifest, UciDigitsManifest.Subset, UciDigitsManifest.Full, Cifar10Manifest.Manifest, .. KerasWeightsManifest.All];

    public static DatasetManifest Find(string id) => Find(id, All);

    public static DatasetManifest Find(string id, IReadOnlyList<DatasetManifest> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        return known.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
            ?? throw new DatasetException($"Unknown dataset '{id}'. Known datasets: {string.Join(", ", known.Select(m => m.Id))}.");
    }
}
