namespace Repro.Data.Tests;

/// <summary>
/// Runs against the real data where Debian's dataset-fashion-mnist package is installed: proves its re-gzipped
/// files match the pinned Debian hashes and decompress to the full Fashion-MNIST, balanced over the ten classes.
/// </summary>
public sealed class DebianFashionMnistTests
{
    [Test]
    public void The_debian_package_files_verify_and_parse_to_the_full_balanced_dataset()
    {
        if (!Directory.Exists(FashionMnistDataset.DebianFolder))
        {
            Assert.Ignore($"{FashionMnistDataset.DebianFolder} is absent; install the Debian package {FashionMnistDataset.DebianPackage} to run this test.");
        }

        using var temp = new TempDirectory();
        var store = new DatasetStore(temp.Path, offline: true, log: TextWriter.Null);

        var data = FashionMnistDataset.Load(store, FashionMnistDataset.Manifest);

        Assert.Multiple(() =>
        {
            Assert.That(data.Files.Values.Select(f => f.Source), Is.All.EqualTo(FileSource.System));
            Assert.That(data.Files.Values.Select(f => f.Match.Provenance), Has.All.Contains("Debian package dataset-fashion-mnist"));
            Assert.That((data.Height, data.Width), Is.EqualTo((28, 28)));
            Assert.That(data.TrainCount, Is.EqualTo(60_000));
            Assert.That(data.TestCount, Is.EqualTo(10_000));
            Assert.That(data.TrainImages, Has.Length.EqualTo(60_000 * 28 * 28));
            Assert.That(data.TestImages, Has.Length.EqualTo(10_000 * 28 * 28));
            Assert.That(Histogram(data.TrainLabels), Is.EqualTo(Enumerable.Repeat(6_000, 10)));
            Assert.That(Histogram(data.TestLabels), Is.EqualTo(Enumerable.Repeat(1_000, 10)));
            Assert.That(data.TrainImages.Max(), Is.EqualTo(255), "8-bit grey levels");
        });
    }

    [Test]
    public void The_idx_reader_parses_the_debian_files_directly()
    {
        var folder = FashionMnistDataset.DebianFolder;
        if (!Directory.Exists(folder))
        {
            Assert.Ignore($"{folder} is absent; install the Debian package {FashionMnistDataset.DebianPackage} to run this test.");
        }

        var test = IdxReader.ReadImages(Path.Combine(folder, FashionMnistDataset.TestImagesFile));
        var labels = IdxReader.ReadLabels(Path.Combine(folder, FashionMnistDataset.TestLabelsFile));

        Assert.That((test.Count, test.Rows, test.Columns), Is.EqualTo((10_000, 28, 28)));
        Assert.That(labels.Min(), Is.EqualTo(0));
        Assert.That(labels.Max(), Is.EqualTo(9));
    }

    private static int[] Histogram(byte[] labels)
    {
        var counts = new int[10];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
