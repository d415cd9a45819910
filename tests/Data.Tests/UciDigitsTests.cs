namespace Repro.Data.Tests;

/// <summary>The full UCI digits (training rows, then test rows) and the scikit-learn subset, which must say it is one.</summary>
internal sealed class UciDigitsTests : LoopbackStoreTests
{
    private UciDigitsFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new UciDigitsFixture(trainCount: 3, testCount: 2);
    }

    [Test]
    public void The_full_set_keeps_the_uci_partition_and_concatenates_training_rows_then_test_rows()
    {
        _server.Serve($"/m/{UciDigitsDataset.TrainingFile}", _fixture.Training);
        _server.Serve($"/m/{UciDigitsDataset.TestFile}", _fixture.Test);

        var data = UciDigitsDataset.Load(Store(), UciDigitsFixture.Full([_server.Mirror("m")]));

        Assert.That((data.DatasetId, data.Shape, data.MaxPixelValue, data.IsSubset, data.SubsetOf), Is.EqualTo((UciDigitsDataset.Id, (1, 8, 8), 16, false, (string?)null)));
        Assert.That((data.TrainCount, data.TestCount), Is.EqualTo((3, 2)));
        var rows = _fixture.TrainRows.Concat(_fixture.TestRows).ToArray();
        Assert.That(data.AllLabels(), Is.EqualTo(rows.Select(r => r[64]).ToArray()));
        Assert.That(data.AllImages(), Is.EqualTo(rows.SelectMany(r => r[..64]).ToArray()));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }));
    }

    [Test]
    public void The_subset_comes_from_the_system_folder_and_is_labelled_as_a_subset_of_the_full_set()
    {
        var system = _temp.Sub("sklearn-data");
        File.WriteAllBytes(Path.Combine(system, UciDigitsSubsetDataset.SubsetFile), _fixture.SubsetGz);

        var data = UciDigitsDataset.Load(Store(), _fixture.Subset([system]));

        Assert.That((data.DatasetId, data.IsSubset, data.SubsetOf), Is.EqualTo((UciDigitsSubsetDataset.Id, true, (string?)UciDigitsDataset.Id)));
        Assert.That((data.TrainCount, data.TestCount), Is.EqualTo((0, 2)));
        Assert.That(data.TestLabels, Is.EqualTo(_fixture.TestRows.Select(r => r[64]).ToArray()));
        Assert.That(data.TestImages[..64], Is.EqualTo(_fixture.TestRows[0][..64]));
        Assert.That(data.Files[UciDigitsSubsetDataset.SubsetFile].Source, Is.EqualTo(FileSource.System));
    }

    [Test]
    public void The_real_manifests_mark_the_subset_and_what_the_tests_need()
    {
        Assert.That((UciDigitsSubsetDataset.Manifest.IsSubset, UciDigitsSubsetDataset.Manifest.SubsetOf, UciDigitsSubsetDataset.Manifest.RequiredForTests), Is.EqualTo((true, (string?)UciDigitsDataset.Id, true)));
        Assert.That((UciDigitsDataset.Manifest.IsSubset, UciDigitsDataset.Manifest.RequiredForTests), Is.EqualTo((false, false)));
        Assert.That(UciDigitsDataset.Manifest.Files.All(f => f.IsTrustOnFirstUse), Is.True, "UCI publishes no hashes");
        Assert.That(Cifar10Dataset.Manifest.Archive!.Archive.Hashes.Single().Display, Is.EqualTo("md5 c32a1d4ab5d03f1284b67883e8d87530"));
        Assert.That(Cifar10Dataset.Manifest.Files.Select(f => f.Size), Is.All.EqualTo(30_730_000L));
        Assert.That(DatasetCatalog.All.Where(m => m.RequiredForTests).Select(m => m.Id), Is.EquivalentTo(new[] { FashionMnistDataset.Id, UciDigitsSubsetDataset.Id }));
    }

    [Test]
    public void A_row_with_a_value_out_of_range_is_an_error_naming_line_and_value()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(string.Join(",", Enumerable.Repeat("0", 63).Append("17").Append("4")) + "\n");

        var error = Assert.Throws<DatasetException>(() => OptDigitsReader.Parse(text, "bad.tra"))!;

        Assert.That(error.Message, Is.EqualTo("bad.tra line 1: value 64 is '17', expected an integer 0..16."));
    }

    [Test]
    public void The_debian_python3_sklearn_file_is_the_1797_image_test_part()
    {
        var debian = Path.Combine(UciDigitsSubsetDataset.DebianFolder, UciDigitsSubsetDataset.SubsetFile);
        Assume.That(File.Exists(debian), Is.True, $"{debian} is not installed (apt install {UciDigitsSubsetDataset.DebianPackage})");

        var data = UciDigitsDataset.Load(Store(offline: true), UciDigitsSubsetDataset.Manifest);

        Assert.That((data.TestCount, data.TrainCount, data.IsSubset), Is.EqualTo((1797, 0, true)));
        Assert.That(data.Files[UciDigitsSubsetDataset.SubsetFile].Source, Is.EqualTo(FileSource.System));
        // The optdigits.tes class counts, as documented in the UCI archive's optdigits.names.
        var counts = Enumerable.Range(0, 10).Select(c => data.TestLabels.Count(l => l == c)).ToArray();
        Assert.That(counts, Is.EqualTo(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }));
        Assert.That(data.TestImages.Max(), Is.EqualTo(16));
    }

}
