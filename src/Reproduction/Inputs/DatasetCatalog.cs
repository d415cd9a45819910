using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// The files the harness knows by id, for the command line and for build scripts: every registered dataset's (in id
/// order, a derived dataset's once, under the dataset it is derived from), then the experiments' pretrained weight files.
/// </summary>
public static class DatasetCatalog
{
    public static IReadOnlyList<DatasetManifest> All =>
        [.. DatasetRegistry.All.Select(dataset => dataset.Manifest).DistinctBy(manifest => manifest.Id), .. KerasWeightsManifest.All];

    public static DatasetManifest Find(string id) => Find(id, All);

    public static DatasetManifest Find(string id, IReadOnlyList<DatasetManifest> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        return known.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
            ?? throw new DatasetException($"Unknown dataset '{id}'. Known datasets: {string.Join(", ", known.Select(m => m.Id))}.");
    }
}
