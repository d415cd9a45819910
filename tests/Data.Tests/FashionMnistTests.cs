namespace Repro.Data.Tests;

public sealed class FashionMnistTests
{
    private TempDirectory _temp = null!;
    private IdxFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _fixture = FashionMnistDataset.Fixture(trainCount: 5, testCount: 3);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Load_returns_the_pixels_labels_shape_classes_and_provenance()
    {
        var system = _temp.Sub("system");
        _fixture.WriteTo(system);
        var store = new DatasetStore(Path.Combine(_temp.Path, "cache"), offline: true, log: TextWriter.Null);

        var data = FashionMnistDataset.Load(store, _fixture.Manifest(systemFolders: [system]));

        Assert.Multiple(() =>
        {
            Assert.That(data.TrainImages, Is.EqualTo(_fixture.TrainPixels));
            Assert.That(data.TrainLabels, Is.EqualTo(_fixture.TrainLabels));
            Assert.That(data.TestImages, Is.EqualTo(_fixture.TestPixels));
            Assert.That(data.TestLabels, Is.EqualTo(_fixture.TestLabels));
            Assert.That((data.Height, data.Width), Is.EqualTo((28, 28)));
            Assert.That((data.TrainCount, data.TestCount), Is.EqualTo((5, 3)));
            Assert.That(data.ClassNames, Is.EqualTo(new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" }));
            Assert.That(data.Files.Keys, Is.EquivalentTo(FashionMnistDataset.Files.All));
            Assert.That(data.Files[FashionMnistDataset.TestLabelsFile].Path, Is.EqualTo(Path.Combine(system, FashionMnistDataset.TestLabelsFile)));
            Assert.That(data.Files[FashionMnistDataset.TestLabelsFile].Source, Is.EqualTo(FileSource.System));
            Assert.That(data.Files[FashionMnistDataset.TestLabelsFile].Sha256, Is.EqualTo(_fixture.Sha256(FashionMnistDataset.TestLabelsFile)));
        });
    }

    [Test]
    public void Class_names_cannot_be_changed_through_the_returned_array()
    {
        var system = _temp.Sub("system");
        _fixture.WriteTo(system);
        var data = FashionMnistDataset.Load(new DatasetStore(Path.Combine(_temp.Path, "cache"), offline: true, log: TextWriter.Null), _fixture.Manifest(systemFolders: [system]));

        data.ClassNames[0] = "changed";

        Assert.That(data.ClassNames[0], Is.EqualTo("T-shirt/top"));
    }

    [Test]
    public void Images_and_labels_of_different_counts_are_rejected()
    {
        var folder = _temp.Sub("system");
        var files = new Dictionary<string, byte[]>(_fixture.Files)
        {
            [FashionMnistDataset.TestLabelsFile] = IdxWriter.Gzip(IdxWriter.Labels([1, 2])),
        };
        var manifest = Write(folder, files);

        var error = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(new DatasetStore(Path.Combine(_temp.Path, "cache"), offline: true, log: TextWriter.Null), manifest))!;

        Assert.That(error.Message, Does.Contain("holds 3 images"));
        Assert.That(error.Message, Does.Contain("2 labels"));
        Assert.That(error.Message, Does.Contain(Path.Combine(folder, FashionMnistDataset.TestLabelsFile)));
    }

    [Test]
    public void A_label_outside_the_ten_classes_is_rejected()
    {
        var folder = _temp.Sub("system");
        var files = new Dictionary<string, byte[]>(_fixture.Files)
        {
            [FashionMnistDataset.TrainLabelsFile] = IdxWriter.Gzip(IdxWriter.Labels([9, 0, 10, 7, 2])),
        };
        var manifest = Write(folder, files);

        var error = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(new DatasetStore(Path.Combine(_temp.Path, "cache"), offline: true, log: TextWriter.Null), manifest))!;

        Assert.That(error.Message, Does.Contain("label 10 at index 2"));
    }

    [Test]
    public void The_real_manifest_pins_the_upstream_and_debian_hashes_of_every_file()
    {
        var manifest = FashionMnistDataset.Manifest;

        Assert.That(manifest.Id, Is.EqualTo("fashion-mnist"));
        Assert.That(manifest.Mirrors[0], Is.EqualTo("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));
        Assert.That(manifest.SystemFolders.Select(f => f.Path), Is.EqualTo(new[] { "/usr/share/datasets/fashion-mnist" }));
        Assert.That(manifest.Files.ToDictionary(f => f.Name, f => f.Hashes.Select(h => h.Sha256).ToArray()), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["train-images-idx3-ubyte.gz"] = ["3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"],
            ["train-labels-idx1-ubyte.gz"] = ["a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"],
            ["t10k-images-idx3-ubyte.gz"] = ["346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"],
            ["t10k-labels-idx1-ubyte.gz"] = ["67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"],
        }));
        Assert.That(manifest.Files[0].Hashes[0].Provenance, Does.Contain("8d4fb7e6c68d591d4c3dfef9ec88bf0d"));
        Assert.That(manifest.Files[0].Hashes[1].Provenance, Does.Contain("dataset-fashion-mnist 0.0~git20200523.55506a9-1"));
    }

    [Test]
    public void An_unknown_dataset_id_lists_the_known_ones()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetCatalog.Find("mnist"))!;

        Assert.That(error.Message, Is.EqualTo("Unknown dataset 'mnist'. Known datasets: cifar-10, fashion-mnist, uci-digits, uci-digits-sklearn-subset, vgg16-imagenet-notop, resnet50-imagenet-notop."));
        Assert.That(DatasetCatalog.Find("fashion-mnist"), Is.SameAs(FashionMnistDataset.Manifest));
    }

    private static DatasetManifest Write(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        return new DatasetManifest(
            FashionMnistDataset.Id,
            files.Select(f => new DatasetFile(f.Key, [new PinnedHash(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Value)), "test")])).ToArray(),
            [],
            [new SystemFolder(folder, "test")]);
    }
}
