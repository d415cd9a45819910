using Repro.Experiments;
using Repro.Reproduction.Splits;

namespace Repro.Data.Tests;

/// <summary>
/// DataSpec → tensors: splits equal to scikit-learn's, scaling, skimage's resize, grey to RGB, CIFAR-10's two
/// layouts, slices, and fixtures standing in for missing datasets. Every store is offline on a temporary folder.
/// </summary>
internal sealed class ExperimentDataTests
{
    private static readonly (int, int, int) Digit = (1, 8, 8);

    private TempDirectory _temp = null!;
    private DatasetStore _store = null!;
    private UciDigitsFixture _digits = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _store = new DatasetStore(Path.Combine(_temp.Path, "cache"), offline: true, log: TextWriter.Null);
        // The full UCI set publishes no hashes, so fixture files in its cache folder load as the real dataset would.
        _digits = new UciDigitsFixture(trainCount: 30, testCount: 20);
        var folder = _store.CacheFolder(UciDigitsDataset.Manifest);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, UciDigitsDataset.TrainingFile), _digits.Training);
        File.WriteAllBytes(Path.Combine(folder, UciDigitsDataset.TestFile), _digits.Test);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_train_test_split_takes_the_rows_sklearn_picks_in_sklearns_order()
    {
        var spec = new DataSpec(UciDigitsDataset.Id, 16) { Split = new TrainTestSplit(0.25, 42) };

        using var data = Loader().Load(spec, Digit);

        var (train, test) = SklearnSplits.TrainTestSplit(50, 0.25, 42);
        Assert.That(data.Origin, Is.EqualTo(DataOrigin.Real));
        Assert.That(data.ClassCount, Is.EqualTo(10));
        AssertRows(data.Train, train, scale: 16);
        AssertRows(data.Test!, test, scale: 16);
        Assert.That(data.Files.Keys, Is.EquivalentTo(new[] { UciDigitsDataset.TrainingFile, UciDigitsDataset.TestFile }));
        Assert.That(data.Description, Does.Contain("train_test_split(test_size=0.25, random_state=42)").And.Not.Contain(ExperimentDataDescription.FixtureNote));
    }

    [Test]
    public void The_whole_dataset_is_every_row_in_published_order_with_no_test_part()
    {
        var spec = new DataSpec(UciDigitsDataset.Id, 1) { Split = new WholeDataset() };

        using var data = Loader().Load(spec, Digit);

        Assert.That(data.Test, Is.Null);
        AssertRows(data.Train, [.. Enumerable.Range(0, 50)], scale: 1);
    }

    [Test]
    public void The_published_split_is_the_training_file_then_the_test_file()
    {
        using var data = Loader().Load(new DataSpec(UciDigitsDataset.Id, 16), Digit);

        AssertRows(data.Train, [.. Enumerable.Range(0, 30)], scale: 16);
        AssertRows(data.Test!, [.. Enumerable.Range(30, 20)], scale: 16);
    }

    [Test]
    public void Pixels_are_divided_by_the_pixel_scale()
    {
        var loader = Loader();
        using var unscaled = loader.Load(new DataSpec(UciDigitsDataset.Id, 1), Digit);
        using var scaled = loader.Load(new DataSpec(UciDigitsDataset.Id, 4), Digit);

        var raw = unscaled.Train.Images.data<float>();
        Assert.That(raw.Max(), Is.EqualTo(16f), "pixel values 0..16 unchanged at scale 1");
        Assert.That(scaled.Train.Images.data<float>(), Is.EqualTo(raw.Select(v => v / 4)));
    }

    [Test]
    public void A_slice_keeps_the_first_rows_of_each_part_after_the_split()
    {
        var spec = new DataSpec(UciDigitsDataset.Id, 16) { Split = new TrainTestSplit(0.25, 7) };

        using var data = Loader().Load(spec, Digit, new DataSlice(5, 3));

        var (train, test) = SklearnSplits.TrainTestSplit(50, 0.25, 7);
        AssertRows(data.Train, train[..5], scale: 16);
        AssertRows(data.Test!, test[..3], scale: 16);
    }

    [Test]
    public void Enlarging_2x2_to_4x4_mirrors_coordinates_about_the_edge_pixels_as_skimage_does()
    {
        // [[0, 4], [8, 12]]; output index d samples (d + 0.5)·2/4 − 0.5 = −0.25, 0.25, 0.75, 1.25, which ndimage's
        // 'mirror' (skimage's 'reflect') reads as 0.25, 0.25, 0.75, 0.75: along each axis 1/4 or 3/4 of the way.
        byte[] plane = [0, 4, 8, 12];
        var output = new float[16];

        new SkimageBilinearResize((2, 2), (4, 4)).Resize(plane, 1, output);

        double[] weight = [0.25, 0.25, 0.75, 0.75];
        var expected = Enumerable.Range(0, 16).Select(i => (float)(8 * weight[i / 4] + 4 * weight[i % 4])).ToArray();
        Assert.That(output, Is.EqualTo(expected));
        Assert.That(output[..4], Is.EqualTo(new[] { 3f, 3f, 5f, 5f }));
    }

    [Test]
    public void Resize_and_grey_to_rgb_give_three_equal_channels_of_the_resized_image()
    {
        var spec = new DataSpec(UciDigitsDataset.Id, 16) { ResizeTo = (12, 12), GreyToRgb = true };

        using var data = Loader().Load(spec, (3, 12, 12));

        Assert.That(data.Train.Images.shape, Is.EqualTo(new long[] { 30, 3, 12, 12 }));
        var first = data.Train.Images.data<float>()[..(3 * 144)];
        Assert.That(first[144..288], Is.EqualTo(first[..144]));
        Assert.That(first[288..], Is.EqualTo(first[..144]));
        var expected = new float[144];
        new SkimageBilinearResize((8, 8), (12, 12)).Resize(_digits.TrainRows[0].AsSpan(0, 64), 16, expected);
        Assert.That(first[..144], Is.EqualTo(expected));
        // Output (0, 0) samples source (−1/6, −1/6), mirrored to (1/6, 1/6).
        var pixels = _digits.TrainRows[0];
        var top = pixels[0] + (pixels[1] - pixels[0]) / 6.0;
        var bottom = pixels[8] + (pixels[9] - pixels[8]) / 6.0;
        Assert.That(first[0], Is.EqualTo((top + (bottom - top) / 6.0) / 16).Within(1e-6));
    }

    [Test]
    public void A_shape_the_transforms_do_not_produce_names_the_missing_transforms()
    {
        var error = Assert.Throws<DatasetException>(() => Loader().Load(new DataSpec(UciDigitsDataset.Id, 16), (3, 16, 16)))!;

        Assert.That(error.Message, Does.Contain("1×8×8").And.Contain("3×16×16").And.Contain("GreyToRgb = true").And.Contain("ResizeTo = (16, 16)"));
    }

    [Test]
    public void Cifar10_as_run_reshape_reads_each_record_as_height_width_channel()
    {
        var loader = Loader();
        using var planar = loader.Load(new DataSpec(Cifar10Dataset.Id, 255), (3, 32, 32), new DataSlice(1, 1), fixtureWhenMissing: true);
        using var asRun = loader.Load(new DataSpec(Cifar10Dataset.Id, 255) { Layout = PixelLayout.HeightWidthChannelReshape }, (3, 32, 32), new DataSlice(1, 1), fixtureWhenMissing: true);

        var p = planar.Train.Images.data<float>();
        var r = asRun.Train.Images.data<float>();
        Assert.That(r, Is.Not.EqualTo(p));
        // Element [c, h, w] of the first image: raw byte c·1024 + h·32 + w when planar, h·96 + w·3 + c as run.
        foreach (var (c, h, w) in new[] { (0, 0, 0), (1, 4, 5), (2, 31, 31), (0, 10, 3) })
        {
            var at = c * 1024 + h * 32 + w;
            Assert.That(p[at], Is.EqualTo(Cifar10Fixture.Pixel(0, 0, c * 1024 + h * 32 + w) / 255f));
            Assert.That(r[at], Is.EqualTo(Cifar10Fixture.Pixel(0, 0, h * 96 + w * 3 + c) / 255f));
        }
    }

    [Test]
    public void A_missing_dataset_without_fixtures_is_an_error_saying_what_to_do()
    {
        var error = Assert.Throws<DatasetException>(() => Loader().Load(new DataSpec(Cifar10Dataset.Id, 255), (3, 32, 32)))!;

        Assert.That(error.Message, Does.Contain($"'{Cifar10Dataset.Id}'").And.Contain("To fix it").And.Contain("repro data fetch cifar-10"));
    }

    [TestCase(UciDigitsDataset.Id, 1, 8, 8)]
    [TestCase(Cifar10Dataset.Id, 3, 32, 32)]
    [TestCase(GreyCifar10Dataset.Id, 1, 32, 32)]
    public void A_missing_dataset_with_fixtures_loads_fixture_files_of_the_declared_shape_and_all_classes(string id, int channels, int height, int width)
    {
        var empty = new DatasetStore(Path.Combine(_temp.Path, "empty"), offline: true, log: TextWriter.Null);
        var spec = new DataSpec(id, 255) { Split = new TrainTestSplit(0.2, 0) };

        using var data = new ExperimentDataLoader(empty).Load(spec, (channels, height, width), fixtureWhenMissing: true);

        Assert.That(data.Origin, Is.EqualTo(DataOrigin.Fixture));
        Assert.That(data.Train.Images.shape[1..], Is.EqualTo(new long[] { channels, height, width }));
        Assert.That(data.Train.Labels.data<long>().Distinct().Order(), Is.EqualTo(Enumerable.Range(0, 10).Select(l => (long)l)));
        Assert.That(data.Test!.Count, Is.GreaterThan(0));
        Assert.That(data.Description, Does.Contain(ExperimentDataDescription.FixtureNote));
        Assert.That(data.Files.Values.Select(f => f.Sha256), Has.All.Length.EqualTo(64), "fixture files are resolved and hashed like real ones");
    }

    [Test]
    public void The_sklearn_subset_is_read_from_debian_where_installed_and_is_a_fixture_elsewhere()
    {
        var installed = File.Exists(Path.Combine(UciDigitsSubsetDataset.DebianFolder, UciDigitsSubsetDataset.SubsetFile));
        var spec = new DataSpec(UciDigitsSubsetDataset.Id, 16) { Split = new WholeDataset() };

        using var data = Loader().Load(spec, Digit, fixtureWhenMissing: true);

        Assert.That(data.Origin, Is.EqualTo(installed ? DataOrigin.Real : DataOrigin.Fixture));
        Assert.That(data.Train.Count, Is.EqualTo(installed ? 1797 : ExperimentDataLoader.FixtureTrainRows + ExperimentDataLoader.FixtureTestRows));
        Assert.That(data.Test, Is.Null);
        Assert.That(data.Train.Labels.data<long>().Distinct().Count(), Is.EqualTo(10));
    }

    [Test]
    public void Fixtures_are_big_enough_for_the_slice()
    {
        var empty = new DatasetStore(Path.Combine(_temp.Path, "empty"), offline: true, log: TextWriter.Null);

        using var data = new ExperimentDataLoader(empty).Load(new DataSpec(Cifar10Dataset.Id, 255), (3, 32, 32), new DataSlice(400, 150), fixtureWhenMissing: true);

        Assert.That((data.Train.Count, data.Test!.Count), Is.EqualTo((400L, 150L)));
    }

    [Test]
    public void Fashion_mnist_from_the_debian_package_is_real_data_enlarged_to_rgb()
    {
        Assume.That(Directory.Exists(FashionMnistDataset.DebianFolder), Is.True, $"install the Debian package {FashionMnistDataset.DebianPackage} to run this test");
        var spec = new DataSpec(FashionMnistDataset.Id, 255) { ResizeTo = (32, 32), GreyToRgb = true };

        using var data = Loader().Load(spec, (3, 32, 32), new DataSlice(20, 10), fixtureWhenMissing: true);

        Assert.That(data.Origin, Is.EqualTo(DataOrigin.Real));
        Assert.That(data.Train.Images.shape, Is.EqualTo(new long[] { 20, 3, 32, 32 }));
        Assert.That(data.Test!.Count, Is.EqualTo(10));
        Assert.That(data.Files.Values.Select(f => f.Source), Is.All.EqualTo(FileSource.System));
        Assert.That(data.Description, Does.Contain("Fashion-MNIST").And.Contain("28×28 → 32×32"));
    }

    [Test]
    public void Availability_says_what_is_missing_and_which_command_fetches_it()
    {
        var loader = Loader();

        var digits = loader.Availability(new DataSpec(UciDigitsDataset.Id, 16));
        var cifar = loader.Availability(new DataSpec(Cifar10Dataset.Id, 255));
        var grey = loader.Availability(new DataSpec(GreyCifar10Dataset.Id, 255));

        Assert.That(digits.Available, Is.True);
        Assert.That((cifar.Available, grey.Available), Is.EqualTo((false, false)));
        Assert.That(cifar.Reason, Is.EqualTo("cifar-10 not on this machine; `repro data fetch cifar-10` downloads it or says where to put the files"));
        Assert.That(grey.Reason, Is.EqualTo("cifar-10-grey (derived from cifar-10) not on this machine; `repro data fetch cifar-10` downloads it or says where to put the files"));
    }

    [Test]
    public void An_unknown_dataset_id_is_an_error_listing_the_known_ones()
    {
        var error = Assert.Throws<DatasetException>(() => Loader().Load(new DataSpec("mnist", 255), Digit))!;

        Assert.That(error.Message, Does.Contain("'mnist'").And.Contain("cifar-10, cifar-10-grey, fashion-mnist, uci-digits, uci-digits-sklearn-subset"));
    }

    private ExperimentDataLoader Loader() => new(_store);

    /// <summary>Row i of <paramref name="images"/> is fixture row <paramref name="rows"/>[i] (training rows, then test rows).</summary>
    private void AssertRows(LabelledImages images, int[] rows, double scale)
    {
        var all = _digits.TrainRows.Concat(_digits.TestRows).ToArray();
        Assert.That(images.Images.shape, Is.EqualTo(new long[] { rows.Length, 1, 8, 8 }));
        Assert.That(images.Labels.data<long>(), Is.EqualTo(rows.Select(r => (long)all[r][64])));
        Assert.That(images.Images.data<float>(), Is.EqualTo(rows.SelectMany(r => all[r][..64].Select(v => (float)(v / scale)))));
    }
}
