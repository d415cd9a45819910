using System.CommandLine;
using Repro.Reproduction.Cli;

namespace Repro.Data.Tests;

/// <summary>
/// `repro data` over a catalogue shaped like the real one: Fashion-MNIST and the digits subset present (the datasets
/// the tests need), the full digits and CIFAR-10 unobtainable, as on a machine without general network access.
/// </summary>
public sealed class DataCommandCatalogTests
{
    /// <summary>A host name that never resolves (RFC 6761), standing in for a mirror on an unreachable network.</summary>
    private const string NoSuchHost = "http://repro-mirror.invalid/";

    private TempDirectory _temp = null!;
    private TestHttpServer _server = null!;
    private IdxFixture _fashion = null!;
    private UciDigitsFixture _digits = null!;
    private Cifar10Fixture _cifar = null!;
    private string _system = null!;

    private string CacheRoot => Path.Combine(_temp.Path, "cache");

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _server = new TestHttpServer();
        _fashion = FashionMnistDataset.Fixture(trainCount: 5, testCount: 3);
        _digits = new UciDigitsFixture(trainCount: 3, testCount: 2);
        _cifar = new Cifar10Fixture(recordsPerBatch: 2);
        _fashion.WriteTo(Path.Combine(CacheRoot, FashionMnistDataset.Id));
        _system = _temp.Sub("sklearn");
        File.WriteAllBytes(Path.Combine(_system, UciDigitsSubsetDataset.SubsetFile), _digits.SubsetGz);
    }

    [TearDown]
    public void TearDown()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Test]
    public void List_shows_the_subset_as_a_subset_and_the_unobtainable_datasets_with_the_reason_and_where_to_put_them()
    {
        var list = Run(Catalogue(NoSuchHost), "data", "list");

        Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
        Assert.That(list.Output, Does.Match($@"uci-digits-sklearn-subset\s+digits.csv.gz\s+present\s+system\s+pinned\s+\S+ \S?B\s+[0-9a-f]{{64}}"));
        Assert.That(list.Output, Does.Contain("uci-digits-sklearn-subset: present (UCI digits, scikit-learn subset: the 1,797 images of optdigits.tes, subset of uci-digits: results on it are not comparable with the full set's)"));
        Assert.That(list.Output, Does.Contain("fashion-mnist: present"));
        Assert.That(list.Output, Does.Match(@"cifar-10: missing \(CIFAR-10\): not downloadable here: no network \([^)]*repro-mirror\.invalid[^)]*\); put cifar-10-binary\.tar\.gz in " + System.Text.RegularExpressions.Regex.Escape(Path.Combine(CacheRoot, Cifar10Dataset.Id) + "/")));
        Assert.That(list.Output, Does.Contain($"put optdigits.tra, optdigits.tes in {Path.Combine(CacheRoot, UciDigitsDataset.Id)}/"));
        Assert.That(list.Output, Does.Match(@"cifar-10\s+data_batch_1\.bin\s+missing"));
    }

    [Test]
    public void List_in_offline_mode_gives_offline_as_the_reason()
    {
        var list = Run(Catalogue(NoSuchHost), offline: true, "data", "list");

        Assert.That(list.Output, Does.Contain("cifar-10: missing (CIFAR-10): offline mode (REPRO_OFFLINE=1); put cifar-10-binary.tar.gz in"));
    }

    [Test]
    public void List_names_an_archive_on_disk_as_the_way_to_the_missing_files()
    {
        var archive = Path.Combine(CacheRoot, Cifar10Dataset.Id, Cifar10Dataset.ArchiveFile);
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        File.WriteAllBytes(archive, _cifar.Archive);

        var list = Run(Catalogue(NoSuchHost), "data", "list", Cifar10Dataset.Id);

        Assert.That(list.Output, Does.Contain($"cifar-10: missing (CIFAR-10): {Cifar10Dataset.ArchiveFile} is at {archive}; `repro data fetch cifar-10` extracts it"));
    }

    [Test]
    public void Fetch_without_ids_succeeds_when_every_dataset_the_tests_need_is_present_and_lists_the_rest_as_not_available()
    {
        var fetch = Run(Catalogue(_server.Mirror("empty")), "data", "fetch");

        Assert.That(fetch.ExitCode, Is.EqualTo(0), fetch.Error);
        Assert.That(fetch.Output, Does.Contain("fashion-mnist: ok"));
        Assert.That(fetch.Output, Does.Contain("uci-digits-sklearn-subset: ok (subset of uci-digits)"));
        Assert.That(fetch.Output, Does.Contain("cifar-10: not available here"));
        Assert.That(fetch.Output, Does.Contain("uci-digits: not available here"));
        Assert.That(fetch.Error, Does.Contain($"Could not download {Cifar10Dataset.ArchiveFile}"));
        Assert.That(Fast.DataFiles(Path.Combine(CacheRoot, Cifar10Dataset.Id)), Is.Empty);
    }

    [Test]
    public void Fetch_of_a_named_dataset_that_cannot_be_had_fails()
    {
        var fetch = Run(Catalogue(_server.Mirror("empty")), "data", "fetch", Cifar10Dataset.Id);

        Assert.That(fetch.ExitCode, Is.EqualTo(1));
        Assert.That(fetch.Error, Does.Contain("HTTP 404"));
    }

    [Test]
    public void Fetch_with_the_offline_flag_downloads_nothing_and_says_what_to_put_where()
    {
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", _cifar.Archive);

        var fetch = Run(Catalogue(_server.Mirror("m")), "data", "fetch", "--offline", Cifar10Dataset.Id);

        Assert.That(fetch.ExitCode, Is.EqualTo(1));
        Assert.That(fetch.Error, Does.Contain("offline mode is on"));
        Assert.That(fetch.Error, Does.Contain(Cifar10Dataset.ArchiveFile));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Fetch_then_list_and_verify_show_trust_on_first_use_for_the_extracted_batches()
    {
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", _cifar.Archive);
        var catalogue = Catalogue(_server.Mirror("m"));

        var fetch = Run(catalogue, "data", "fetch", Cifar10Dataset.Id);
        var list = Run(catalogue, "data", "list", Cifar10Dataset.Id);
        var verify = Run(catalogue, "data", "verify", Cifar10Dataset.Id, UciDigitsSubsetDataset.Id);

        Assert.That(fetch.ExitCode, Is.EqualTo(0), fetch.Error);
        Assert.That(list.Output, Does.Match($@"cifar-10\s+data_batch_1\.bin\s+present\s+cache\s+first-use {DateTimeOffset.UtcNow:yyyy-MM-dd}\s+6\.0 KiB\s+[0-9a-f]{{64}}"));
        Assert.That(list.Output, Does.Contain("cifar-10: present (CIFAR-10)"));
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Error);
        Assert.That(verify.Output, Does.Contain("cifar-10: ok: 10 training and 2 test images of 3×32×32, 10 classes"));
        Assert.That(verify.Output, Does.Contain("uci-digits-sklearn-subset: ok: 0 training and 2 test images of 1×8×8, 10 classes, subset of uci-digits"));
    }

    private DatasetManifest[] Catalogue(string unobtainableMirror) =>
    [
        _fashion.Manifest(),
        _digits.Subset([_system]),
        UciDigitsFixture.Full([unobtainableMirror]),
        _cifar.Manifest([unobtainableMirror]),
    ];

    private (int ExitCode, string Output, string Error) Run(IReadOnlyList<DatasetManifest> datasets, params string[] args) => Run(datasets, false, args);

    private (int ExitCode, string Output, string Error) Run(IReadOnlyList<DatasetManifest> datasets, bool offline, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(log => new DatasetStore(CacheRoot, offline, TimeSpan.FromSeconds(20), log, Fast.Download), datasets));
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
