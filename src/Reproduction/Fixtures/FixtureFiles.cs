using Repro.Reproduction.Store;

namespace Repro.Reproduction.Fixtures;

/// <summary>A fixture's manifest (pinned to the fixture's own hashes) and its files by name.</summary>
public sealed record FixtureFiles(DatasetManifest Manifest, IReadOnlyDictionary<string, byte[]> Files)
{
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in Files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }
}
