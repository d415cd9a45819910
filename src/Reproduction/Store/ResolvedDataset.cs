namespace Repro.Reproduction.Store;

/// <summary>Every file of a manifest, verified, keyed by file name.</summary>
public sealed record ResolvedDataset(DatasetManifest Manifest, IReadOnlyDictionary<string, ResolvedFile> Files)
{
    public ResolvedFile this[string fileName] =>
        Files.TryGetValue(fileName, out var file)
            ? file
            : throw new KeyNotFoundException($"Dataset '{Manifest.Id}' has no resolved file named '{fileName}'.");
}
