namespace Repro.Data.Tests;

public sealed class IdxReaderTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Images_and_labels_round_trip_through_gzip_files()
    {
        var pixels = IdxWriter.Pattern(5, 28, 28);
        var imagePath = Write("images.gz", IdxWriter.Gzip(IdxWriter.Images(5, 28, 28, pixels)));
        var labelPath = Write("labels.gz", IdxWriter.Gzip(IdxWriter.Labels([4, 0, 9, 1, 7])));

        var images = IdxReader.ReadImages(imagePath);
        var labels = IdxReader.ReadLabels(labelPath);

        Assert.Multiple(() =>
        {
            Assert.That(images.Count, Is.EqualTo(5));
            Assert.That(images.Rows, Is.EqualTo(28));
            Assert.That(images.Columns, Is.EqualTo(28));
            Assert.That(images.Pixels, Is.EqualTo(pixels));
            Assert.That(images.Pixels[784 + (2 * 28) + 3], Is.EqualTo(pixels[784 + 59]), "second image, row 2, column 3");
            Assert.That(labels, Is.EqualTo(new byte[] { 4, 0, 9, 1, 7 }));
        });
    }

    [Test]
    public void Non_square_images_keep_rows_and_columns_apart()
    {
        var pixels = IdxWriter.Pattern(2, 3, 4);
        var images = IdxReader.ReadImages(IdxWriter.Gzip(IdxWriter.Images(2, 3, 4, pixels)), "small.gz");

        Assert.That((images.Count, images.Rows, images.Columns), Is.EqualTo((2, 3, 4)));
        Assert.That(images.Pixels, Is.EqualTo(pixels));
    }

    [Test]
    public void A_label_file_read_as_images_is_rejected_by_its_magic_number()
    {
        var path = Write("train-labels-idx1-ubyte.gz", IdxWriter.Gzip(IdxWriter.Labels([1, 2, 3])));

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(path))!;

        Assert.That(error.Message, Does.Contain(path));
        Assert.That(error.Message, Does.Contain("0x00000801"));
        Assert.That(error.Message, Does.Contain("expected 0x00000803"));
        Assert.That(error.Message, Does.Contain("label file"));
    }

    [Test]
    public void An_unknown_magic_number_is_reported_in_hex()
    {
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(IdxWriter.Gzip(IdxWriter.Labels([1], magic: 0x12345678)), "odd.gz"))!;

        Assert.That(error.Message, Does.Contain("odd.gz has IDX magic number 0x12345678, expected 0x00000801"));
    }

    [Test]
    public void A_truncated_gzip_file_gives_a_dataset_exception_naming_the_file()
    {
        var whole = IdxWriter.Gzip(IdxWriter.Images(5, 28, 28, IdxWriter.Pattern(5, 28, 28)));
        var path = Write("t10k-images-idx3-ubyte.gz", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(path))!;

        Assert.That(error.Message, Does.Contain(path));
        Assert.That(error.Message, Does.Contain("truncated").Or.Contain("damaged"));
        Assert.That(error.Message, Does.Contain("repro data fetch"));
    }

    [Test]
    public void A_gzip_file_cut_inside_the_header_is_truncated()
    {
        var header = IdxWriter.Images(5, 28, 28, [])[..10];

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(IdxWriter.Gzip(header), "short.gz"))!;

        Assert.That(error.Message, Does.Contain("short.gz is truncated"));
        Assert.That(error.Message, Does.Contain("10 bytes"));
    }

    [Test]
    public void A_payload_shorter_than_the_header_declares_is_truncated()
    {
        var raw = IdxWriter.Images(5, 28, 28, IdxWriter.Pattern(4, 28, 28));

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(IdxWriter.Gzip(raw), "four.gz"))!;

        Assert.That(error.Message, Does.Contain("four.gz is truncated"));
        Assert.That(error.Message, Does.Contain("5 images of 28×28 (3920 bytes)"));
        Assert.That(error.Message, Does.Contain("only 3136 bytes"));
    }

    [Test]
    public void A_payload_longer_than_the_header_declares_is_rejected()
    {
        var raw = IdxWriter.Labels([1, 2, 3, 4], count: 3);

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(IdxWriter.Gzip(raw), "long.gz"))!;

        Assert.That(error.Message, Does.Contain("long.gz is longer than its header says"));
    }

    [Test]
    public void A_file_that_is_not_gzip_is_rejected()
    {
        var path = Write("train-images-idx3-ubyte.gz", "<html>404</html>"u8.ToArray());

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(path))!;

        Assert.That(error.Message, Does.Contain($"{path} is not a gzip file"));
    }

    [Test]
    public void An_already_decompressed_idx_file_is_named_as_such()
    {
        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(IdxWriter.Labels([1, 2]), "plain.gz"))!;

        Assert.That(error.Message, Does.Contain("already decompressed IDX file"));
    }

    [Test]
    public void Corrupt_deflate_data_gives_a_dataset_exception()
    {
        var bytes = IdxWriter.Gzip(IdxWriter.Images(5, 28, 28, IdxWriter.Pattern(5, 28, 28)));
        for (var i = 12; i < 40; i++)
        {
            bytes[i] ^= 0xA5;
        }

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(bytes, "mangled.gz"))!;

        Assert.That(error.Message, Does.StartWith("mangled.gz "));
    }

    [Test]
    public void A_missing_file_gives_a_dataset_exception()
    {
        var path = Path.Combine(_temp.Path, "absent.gz");

        var error = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels(path))!;

        Assert.That(error.Message, Does.Contain(path));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
