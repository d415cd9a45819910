using Repro.Experiments;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// The one registration of datasets: every <see cref="IDataset"/> in Repro.Reproduction and in the loaded assemblies
/// that build on it, found by discovery and ordered by id. An unknown id is an error that lists the known ones.
/// </summary>
public static class DatasetRegistry
{
    /// <summary>Looked up afresh each time, so that datasets of an assembly loaded later (a test's) are found too.</summary>
    public static IReadOnlyList<IDataset> All
    {
        get
        {
            var all = Discovery.Instances<IDataset>().OrderBy(dataset => dataset.Id, StringComparer.Ordinal).ToList();
            var twice = all.GroupBy(dataset => dataset.Id).FirstOrDefault(group => group.Count() > 1);
            if (twice is not null)
                throw new InvalidOperationException(
                    $"Dataset id '{twice.Key}' is registered by {string.Join(" and ", twice.Select(dataset => dataset.GetType().FullName))}: give each dataset its own id.");
            return all;
        }
    }

    public static IDataset Find(string id)
    {
        var all = All;
        return all.FirstOrDefault(dataset => dataset.Id == id)
            ?? throw new DatasetException($"Unknown dataset '{id}'. Known datasets: {string.Join(", ", all.Select(dataset => dataset.Id))}.");
    }

    /// <summary>The dataset a DataSpec reads, once its layout is known to be one the dataset has.</summary>
    public static IDataset For(DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var all = All;
        var dataset = all.FirstOrDefault(d => d.Id == spec.DatasetId)
            ?? throw new DatasetException($"Unknown dataset '{spec.DatasetId}' in the DataSpec. Known datasets: {string.Join(", ", all.Select(d => d.Id))}.");
        if (!Enum.IsDefined(spec.Layout))
            throw new DatasetException($"DataSpec for '{spec.DatasetId}' has an unknown Layout {spec.Layout}.");
        if (!dataset.Layouts.Contains(spec.Layout))
        {
            var having = all.Where(d => d.Layouts.Contains(spec.Layout)).Select(d => $"{d.Manifest.DisplayName} ('{d.Id}')");
            throw new DatasetException(
                $"DataSpec for '{spec.DatasetId}' asks for Layout {spec.Layout}, which only {string.Join(", ", having)} has; use PixelLayout.{PixelLayout.AsPublished}.");
        }

        return dataset;
    }
}
