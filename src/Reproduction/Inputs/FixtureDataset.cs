using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// Reads a fixture through the real store and reader: its files (in the real format, pinned to their own hashes)
/// are written to a fresh temporary cache, resolved offline and parsed exactly as real files are.
/// </summary>
internal static class FixtureDataset
{
    public static ImageClassificationData Read(ExperimentDataSource source, FixtureSize size)
    {
        var fixture = source.Fixture(size);
        var root = Directory.CreateTempSubdirectory("repro-fixture-data-").FullName;
        try
        {
            var store = new DatasetStore(root, offline: true, log: TextWriter.Null);
            fixture.WriteTo(store.CacheFolder(fixture.Manifest));
            return source.Read(store, fixture.Manifest);
        }
        finally
        {
            // The bytes are in memory by now; the folder would only pile up in /tmp with every smoke run. Files keeps
            // each file's SHA-256, which is what identifies fixture bytes.
            Directory.Delete(root, recursive: true);
        }
    }
}
