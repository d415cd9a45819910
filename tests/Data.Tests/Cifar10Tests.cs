using Repro.Experiments;

namespace Repro.Data.Tests;

/// <summary>The CIFAR-10 records, both layouts, and the greyscale reconstruction, on a fixture archive fetched over HTTP.</summary>
internal sealed class Cifar10Tests : LoopbackStoreTests
{
    private Cifar10Fixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new Cifar10Fixture(recordsPerBatch: 2);
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", _fixture.Archive);
    }

    [Test]
    public void The_planar_layout_keeps_each_colour_plane_in_place()
    {
        var data = Cifar10Dataset.Load(Store(), Manifest(), PixelLayout.AsPublished);

        Assert.That((data.TrainCount, data.TestCount, data.Shape, data.MaxPixelValue), Is.EqualTo((10, 2, (3, 32, 32), 255)));
        Assert.That(data.TrainLabels, Is.EqualTo(Enumerable.Range(0, 10).Select(i => _fixture.Label(i / 2, i % 2)).ToArray()), "batches 1..5 in order, records in order");
        Assert.That(data.TestLabels, Is.EqualTo(new[] { _fixture.Label(5, 0), _fixture.Label(5, 1) }));
        Assert.That(data.ClassNames[0], Is.EqualTo("airplane"));
        Assert.That(data.ClassNames[9], Is.EqualTo("truck"));
        Assert.That(data.IsSubset, Is.False);
        // Image 3 is batch 2, record 1; channel 1 (green), row 4, column 5 is raw byte 1024 + 4·32 + 5.
        Assert.That(data.TrainImages[(3 * 3 + 1) * 1024 + 4 * 32 + 5], Is.EqualTo(Cifar10Fixture.Pixel(1, 1, 1024 + 4 * 32 + 5)));
        Assert.That(data.TestImages[(1 * 3 + 2) * 1024 + 31 * 32 + 31], Is.EqualTo(Cifar10Fixture.Pixel(5, 1, 3071)));
        Assert.That(data.Files.Keys, Is.EquivalentTo(Cifar10Fixture.BatchNames));
    }

    [Test]
    public void The_as_run_layout_reads_each_record_as_height_width_channel()
    {
        var data = Cifar10Dataset.Load(Store(), Manifest(), PixelLayout.HeightWidthChannelReshape);

        // Element [c=1, h=4, w=5] of image 3 is raw[4·96 + 5·3 + 1] of batch 2, record 1.
        Assert.That(data.TrainImages[(3 * 3 + 1) * 1024 + 4 * 32 + 5], Is.EqualTo(Cifar10Fixture.Pixel(1, 1, 4 * 96 + 5 * 3 + 1)));
        Assert.That(data.TrainImages[0], Is.EqualTo(Cifar10Fixture.Pixel(0, 0, 0)));
        Assert.That(data.TrainImages[1024], Is.EqualTo(Cifar10Fixture.Pixel(0, 0, 1)), "channel 1 starts at raw byte 1");
        Assert.That(data.TrainImages[1], Is.EqualTo(Cifar10Fixture.Pixel(0, 0, 3)), "the next column is three bytes on");
        Assert.That(data.Preprocessing, Does.Contain("height×width×channel"));
    }

    [Test]
    public void Greyscale_is_bt601_luma_of_the_planar_images()
    {
        var colour = Cifar10Dataset.Load(Store(), Manifest(), PixelLayout.AsPublished);
        var grey = GreyCifar10Dataset.Load(Store(), Manifest());

        Assert.That((grey.DatasetId, grey.Shape, grey.TrainCount, grey.TestCount), Is.EqualTo((GreyCifar10Dataset.Id, (1, 32, 32), 10, 2)));
        Assert.That(grey.TrainLabels, Is.EqualTo(colour.TrainLabels));
        Assert.That(grey.ClassNames, Is.EqualTo(colour.ClassNames));
        var image = 7;
        var pixel = 17 * 32 + 9;
        var rgb = image * 3 * 1024;
        Assert.That(grey.TrainImages[image * 1024 + pixel], Is.EqualTo(Luma.Bt601(colour.TrainImages[rgb + pixel], colour.TrainImages[rgb + 1024 + pixel], colour.TrainImages[rgb + 2048 + pixel])));
        Assert.That(grey.Preprocessing, Does.Contain("reconstruction"));
    }

    [Test]
    public void The_smoke_fixture_pins_its_batches_so_a_result_names_the_same_provenance_every_run()
    {
        // As a smoke run reads it: the archive in the cache, offline; the batches come out of it.
        var pinned = _fixture.Pinned();
        var store = Store(offline: true);
        pinned.WriteTo(store.CacheFolder(pinned.Manifest));
        var data = Cifar10Dataset.Load(store, pinned.Manifest, PixelLayout.AsPublished);

        Assert.Multiple(() =>
        {
            Assert.That(data.Files.Keys, Is.EquivalentTo(Cifar10Fixture.BatchNames));
            Assert.That(data.Files.Values.Select(f => f.Match.Provenance), Has.All.EqualTo("test fixture"),
                "pinned, not trusted on first use: the provenance a result records names no temporary trust record");
            Assert.That(data.Files.Values.Select(f => f.Sha256), Is.EqualTo(Cifar10Fixture.BatchNames.Select(n => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_fixture.Batches[n])))));
        });
    }

    [TestCase(255, 255, 255, 255)]
    [TestCase(0, 0, 0, 0)]
    [TestCase(255, 0, 0, 76)]
    [TestCase(0, 255, 0, 150)]
    [TestCase(0, 0, 255, 29)]
    [TestCase(100, 150, 200, 141)]
    [TestCase(10, 20, 30, 18)]
    public void Luma_matches_the_bt601_formula_rounded(int red, int green, int blue, int expected)
    {
        Assert.That(Luma.Bt601((byte)red, (byte)green, (byte)blue), Is.EqualTo(expected));
        Assert.That(expected, Is.EqualTo(Math.Round(0.299 * red + 0.587 * green + 0.114 * blue, MidpointRounding.AwayFromZero)).Within(0));
    }

    [Test]
    public void A_batch_that_is_not_whole_records_is_an_error()
    {
        var error = Assert.Throws<DatasetException>(() => Cifar10Records.Parse(new byte[Cifar10Records.RecordBytes + 1], "x.bin"))!;

        Assert.That(error.Message, Does.Contain("not a whole number of 3073-byte CIFAR-10 records"));
    }

    private DatasetManifest Manifest() => _fixture.Manifest([_server.Mirror("m")]);

}
