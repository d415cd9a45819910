using System.CommandLine;
using Repro.Reproduction.Cli;

namespace Repro.Data.Tests;

public sealed class DataCommandTests
{
    private TempDirectory _temp = null!;
    private IdxFixture _fixture = null!;
    private TestHttpServer _server = null!;

    private string CacheFolder => Path.Combine(_temp.Path, "cache", FashionMnistDataset.Id);

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _fixture = FashionMnistDataset.Fixture(trainCount: 5, testCount: 3);
        _server = new TestHttpServer();
        _server.ServeAll("m", _fixture.Files);
    }

    [TearDown]
    public void TearDown()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Test]
    public void Fetch_downloads_then_verify_parses_and_list_shows_the_files_as_present()
    {
        var fetch = Run("data", "fetch", "fashion-mnist");
        var verify = Run("data", "verify");
        var list = Run("data", "list");

        Assert.That(fetch.ExitCode, Is.EqualTo(0), fetch.Error);
        Assert.That(fetch.Output, Does.Contain("fashion-mnist: ok"));
        Assert.That(File.ReadAllBytes(Path.Combine(CacheFolder, FashionMnistDataset.TrainImagesFile)), Is.EqualTo(_fixture.Files[FashionMnistDataset.TrainImagesFile]));
        Assert.That(fetch.Error, Does.Contain("Downloading"), "progress goes to stderr");

        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Error);
        Assert.That(verify.Output, Does.Contain("fashion-mnist: ok: 5 training and 3 test images of 1×28×28, 10 classes"));

        Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
        var rows = list.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("fashion-mnist  ", StringComparison.Ordinal)).ToArray();
        Assert.That(rows, Has.Length.EqualTo(4));
        Assert.That(rows[0], Does.Match($@"^fashion-mnist\s+{FashionMnistDataset.TrainImagesFile}\s+present\s+cache\s+pinned\s+\S+ \S?B\s+{_fixture.Sha256(FashionMnistDataset.TrainImagesFile)}$"));
        Assert.That(list.Output, Does.Contain($"fashion-mnist: cache {CacheFolder}"));
    }

    [Test]
    public void List_shows_missing_and_corrupt_files()
    {
        Directory.CreateDirectory(CacheFolder);
        File.WriteAllBytes(Path.Combine(CacheFolder, FashionMnistDataset.TestLabelsFile), [0, 1, 2]);

        var list = Run("data", "list");

        Assert.That(list.ExitCode, Is.EqualTo(0));
        Assert.That(list.Output, Does.Match($@"fashion-mnist\s+{FashionMnistDataset.TestLabelsFile}\s+corrupt\s+cache\s+-\s+3 B\s+[0-9a-f]{{64}}"));
        Assert.That(list.Output, Does.Match($@"fashion-mnist\s+{FashionMnistDataset.TrainImagesFile}\s+missing\s+-\s+-\s+-\s+-"));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Verify_without_the_files_fails_with_a_message_and_no_stack_trace_and_does_not_download()
    {
        var verify = Run("data", "verify", "fashion-mnist");

        Assert.That(verify.ExitCode, Is.Not.EqualTo(0));
        Assert.That(verify.Error, Does.Contain("Dataset 'fashion-mnist' is incomplete"));
        Assert.That(verify.Error, Does.Contain(FashionMnistDataset.TrainImagesFile));
        Assert.That(verify.Error, Does.Contain("repro data fetch fashion-mnist"));
        Assert.That(verify.Error, Does.Not.Contain("   at "));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Verify_with_a_corrupt_cache_file_names_it()
    {
        Run("data", "fetch");
        var path = Path.Combine(CacheFolder, FashionMnistDataset.TrainLabelsFile);
        File.AppendAllText(path, "x");

        var verify = Run("data", "verify");

        Assert.That(verify.ExitCode, Is.EqualTo(1));
        Assert.That(verify.Error, Does.Contain($"{path} is corrupt"));
        Assert.That(verify.Error, Does.Contain(_fixture.Sha256(FashionMnistDataset.TrainLabelsFile)));
    }

    [Test]
    public void Export_copies_the_verified_files_into_a_cache_folder_that_an_offline_store_verifies()
    {
        Run("data", "fetch");
        var exportRoot = Path.Combine(_temp.Path, "export");
        var requestsBefore = _server.Requests.Count;

        var export = Run("data", "export", exportRoot, "fashion-mnist");

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Error);
        Assert.That(export.Output, Does.Contain("fashion-mnist: exported"));
        Assert.That(export.Output, Does.Contain($"REPRO_DATA={exportRoot}"));
        Assert.That(_server.Requests.Count, Is.EqualTo(requestsBefore), "export never downloads");
        var exported = new DatasetStore(exportRoot, offline: true, log: TextWriter.Null).Resolve(_fixture.Manifest(mirrors: []));
        foreach (var (name, bytes) in _fixture.Files)
        {
            Assert.That(exported[name].Path, Is.EqualTo(Path.Combine(exportRoot, FashionMnistDataset.Id, name)));
            Assert.That(exported[name].Source, Is.EqualTo(FileSource.Cache));
            Assert.That(File.ReadAllBytes(exported[name].Path), Is.EqualTo(bytes));
            Assert.That(export.Output, Does.Contain($"  {name}  cache  {exported[name].Path}"));
        }

        Assert.That(Fast.DataFiles(Path.Combine(exportRoot, FashionMnistDataset.Id)), Has.Length.EqualTo(_fixture.Files.Count), "no temporary file is left");
    }

    [Test]
    public void Export_of_a_dataset_that_is_not_here_fails_saying_to_fetch_it_and_writes_nothing()
    {
        var exportRoot = Path.Combine(_temp.Path, "export");

        var export = Run("data", "export", exportRoot, "fashion-mnist");

        Assert.That(export.ExitCode, Is.EqualTo(1));
        Assert.That(export.Error, Does.Contain("Dataset 'fashion-mnist' is incomplete"));
        Assert.That(export.Error, Does.Contain("repro data fetch fashion-mnist"));
        Assert.That(export.Error, Does.Not.Contain("   at "));
        Assert.That(_server.Requests, Is.Empty);
        Assert.That(Directory.Exists(exportRoot), Is.False);
    }

    [Test]
    public void An_unknown_id_is_an_error_listing_the_known_ids()
    {
        var fetch = Run("data", "fetch", "cifar-10");

        Assert.That(fetch.ExitCode, Is.EqualTo(1));
        Assert.That(fetch.Error.Trim(), Is.EqualTo("Unknown dataset 'cifar-10'. Known datasets: fashion-mnist."));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Fetch_failure_exits_non_zero_with_the_download_message()
    {
        var manifest = new DatasetManifest(FashionMnistDataset.Id, _fixture.Manifest().Files, [_server.Mirror("nothing-here")], []) { RequiredForTests = true };

        var fetch = Run([manifest], "data", "fetch");

        Assert.That(fetch.ExitCode, Is.EqualTo(1));
        Assert.That(fetch.Error, Does.Contain($"Could not download {FashionMnistDataset.TrainImagesFile}"));
        Assert.That(fetch.Error, Does.Contain("HTTP 404"));
        Assert.That(fetch.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void The_default_command_knows_fashion_mnist()
    {
        var command = DataCommand.Create();

        Assert.That(command.Name, Is.EqualTo("data"));
        Assert.That(command.Subcommands.Select(c => c.Name), Is.EqualTo(new[] { "list", "fetch", "verify", "export" }));
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) =>
        Run([_fixture.Manifest(mirrors: [_server.Mirror("m")])], args);

    private (int ExitCode, string Output, string Error) Run(IReadOnlyList<DatasetManifest> datasets, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(log => new DatasetStore(Path.Combine(_temp.Path, "cache"), offline: false, TimeSpan.FromSeconds(20), log, Fast.Download), datasets));
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
