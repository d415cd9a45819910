using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// Reads a fixture through the real store and reader: its files (in the real format, pinned to their own hashes)
/// are written to a fresh temporary cache, resolved offline and parsed exactly as real files are.
/// </summary>
internal static class FixtureDataset
{
    public static ImageClassificationData Read(IDataset dataset, PixelLayout layout, FixtureSize size)
    {
        var fixture = dataset.Fixture(size);
        var root = Directory.CreateTempSubdirectory("repro-fixture-data-").FullName;
        try
        {
            var store = new DatasetStore(root, offline: true, log: TextWriter.Null);
            fixture.WriteTo(store.CacheFolder(fixture.Manifest));
            return dataset.Read(store, fixture.Manifest, layout);
        }
        finally
        {
            // The bytes are in memory by now; the folder would only pile up in /tmp with every smoke run. Files keeps
            // each file's SHA-256, which is what identifies fixture bytes.
            Directory.Delete(root, recursive: true);
        }
    }
}
