using Repro.Experiments;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// A pretrained weight file kept like a dataset: one manifest per file, under the weights' id, downloaded from the address
/// Keras downloads it from, pinned by the MD5 keras.applications checks it with (its SHA-256 is recorded on first
/// use), and also found where Keras itself keeps it (~/.keras/models).
/// </summary>
public static class KerasWeightsManifest
{
    /// <summary>keras.utils.get_file's cache folder.</summary>
    public static string KerasCache => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keras", "models");

    public static DatasetManifest For(PretrainedWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!weights.Url.EndsWith("/" + weights.FileName, StringComparison.Ordinal))
            throw new ArgumentException($"{weights.Url} does not end with the file name {weights.FileName}: the mirror is the address without it.", nameof(weights));
        return new DatasetManifest(
            weights.Id,
            [new DatasetFile(weights.FileName, [new PinnedHash(HashAlgorithmKind.Md5, weights.Md5, $"the file_hash keras.applications checks {weights.Url} with")])],
            [weights.Url[..^weights.FileName.Length]],
            [new SystemFolder(KerasCache, $"put it in {KerasCache}{Path.DirectorySeparatorChar}, where Keras keeps what keras.applications downloads")])
        {
            Title = $"Keras ImageNet weights for {weights.LoadsInto}",
        };
    }

    /// <summary>The weight files of every registered experiment, once each.</summary>
    public static IReadOnlyList<DatasetManifest> All { get; } =
        ExperimentRegistry.All.SelectMany(e => e.Weights).Distinct().Select(For).ToList();
}
