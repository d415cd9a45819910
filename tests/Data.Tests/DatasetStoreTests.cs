namespace Repro.Data.Tests;

internal sealed class DatasetStoreTests : LoopbackStoreTests
{
    private IdxFixture _fixture = null!;

    private string CacheFolder => Path.Combine(CacheRoot, FashionMnistDataset.Id);

    [SetUp]
    public void SetUp()
    {
        _fixture = FashionMnistDataset.Fixture(trainCount: 5, testCount: 3);
    }

    [Test]
    public void Files_in_the_cache_are_verified_and_used_without_network()
    {
        _fixture.WriteTo(CacheFolder);
        _server.ServeAll("m", _fixture.Files);
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [SystemFolderWithFixture()]);

        var resolved = Store().Resolve(manifest);

        Assert.That(resolved.Files.Keys, Is.EqualTo(FashionMnistDataset.Files.All));
        foreach (var name in FashionMnistDataset.Files.All)
        {
            Assert.That(resolved[name].Source, Is.EqualTo(FileSource.Cache), name);
            Assert.That(resolved[name].Path, Is.EqualTo(Path.Combine(CacheFolder, name)));
            Assert.That(resolved[name].Sha256, Is.EqualTo(_fixture.Sha256(name)));
            Assert.That(resolved[name].Match.Provenance, Is.EqualTo("test fixture"));
        }

        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void The_system_folder_is_used_when_the_cache_is_empty()
    {
        var system = SystemFolderWithFixture();
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [Path.Combine(_temp.Path, "elsewhere"), system]);

        var resolved = Store().Resolve(manifest);

        foreach (var name in FashionMnistDataset.Files.All)
        {
            Assert.That(resolved[name].Source, Is.EqualTo(FileSource.System), name);
            Assert.That(resolved[name].Path, Is.EqualTo(Path.Combine(system, name)));
            Assert.That(resolved[name].Sha256, Is.EqualTo(_fixture.Sha256(name)));
        }

        Assert.That(Directory.Exists(CacheFolder), Is.False, "nothing is copied into the cache");
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Files_found_nowhere_are_downloaded_into_the_cache()
    {
        _server.ServeAll("m", _fixture.Files);
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [Path.Combine(_temp.Path, "empty")]);

        var resolved = Store().Resolve(manifest);

        foreach (var name in FashionMnistDataset.Files.All)
        {
            var path = Path.Combine(CacheFolder, name);
            Assert.That(resolved[name].Source, Is.EqualTo(FileSource.Download), name);
            Assert.That(resolved[name].Path, Is.EqualTo(path));
            Assert.That(resolved[name].DownloadedFrom, Is.EqualTo($"{_server.BaseAddress}m/{name}"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(_fixture.Files[name]));
            Assert.That(resolved[name].Sha256, Is.EqualTo(_fixture.Sha256(name)));
        }

        Assert.That(Fast.DataFiles(CacheFolder).Select(Path.GetFileName), Is.EquivalentTo(FashionMnistDataset.Files.All), "no temporary files remain");
        Assert.That(_server.Requests, Has.Count.EqualTo(4));
        Assert.That(_log.ToString(), Does.Contain($"Downloading {_server.BaseAddress}m/{FashionMnistDataset.TrainImagesFile}"));
        Assert.That(_log.ToString(), Does.Contain("SHA-256 verified"));

        var again = Store().Resolve(manifest);
        Assert.That(again.Files.Values.Select(f => f.Source), Is.All.EqualTo(FileSource.Cache));
        Assert.That(_server.Requests, Has.Count.EqualTo(4), "the second load uses the cache");
    }

    [Test]
    public void A_mirror_answering_404_is_skipped_for_the_next_one()
    {
        _server.ServeAll("second", _fixture.Files);
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("first"), _server.Mirror("second")]);

        var resolved = Store().Resolve(manifest);

        foreach (var name in FashionMnistDataset.Files.All)
        {
            Assert.That(resolved[name].DownloadedFrom, Is.EqualTo($"{_server.BaseAddress}second/{name}"));
            Assert.That(File.ReadAllBytes(Path.Combine(CacheFolder, name)), Is.EqualTo(_fixture.Files[name]));
        }

        Assert.That(_server.Requests.Count(r => r.StartsWith("/first/", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(_server.Requests.Count(r => r.StartsWith("/second/", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(_log.ToString(), Does.Contain("HTTP 404"));
    }

    [Test]
    public void Wrong_bytes_from_the_mirror_fail_the_hash_check_and_leave_nothing_in_the_cache()
    {
        var wrong = IdxWriter.Gzip(IdxWriter.Labels([1, 2, 3, 4, 5]));
        _server.Serve($"/m/{FashionMnistDataset.TrainLabelsFile}", wrong);
        var manifest = new DatasetManifest(FashionMnistDataset.Id, [_fixture.Manifest().File(FashionMnistDataset.TrainLabelsFile)], [_server.Mirror("m")], []);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(manifest))!;

        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(wrong));
        Assert.That(error.Message, Does.Contain($"Could not download {FashionMnistDataset.TrainLabelsFile}"));
        Assert.That(error.Message, Does.Contain($"SHA-256 {actual}"));
        Assert.That(error.Message, Does.Contain(_fixture.Sha256(FashionMnistDataset.TrainLabelsFile)));
        Assert.That(error.Message, Does.Contain("discarded"));
        Assert.That(Fast.DataFiles(CacheFolder), Is.Empty, "neither the file nor a temporary file is left");
        Assert.That(_server.Requests, Is.EqualTo(new[] { $"/m/{FashionMnistDataset.TrainLabelsFile}" }));
    }

    [Test]
    public void A_corrupt_cache_file_is_an_error_naming_path_and_hashes_even_when_a_good_copy_exists_elsewhere()
    {
        _fixture.WriteTo(CacheFolder);
        var corruptPath = Path.Combine(CacheFolder, FashionMnistDataset.TestImagesFile);
        var corrupt = _fixture.Files[FashionMnistDataset.TestImagesFile].ToArray();
        corrupt[^5] ^= 0xFF;
        File.WriteAllBytes(corruptPath, corrupt);
        _server.ServeAll("m", _fixture.Files);
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [SystemFolderWithFixture()]);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(manifest))!;

        Assert.That(error.Message, Does.Contain(corruptPath));
        Assert.That(error.Message, Does.Contain(_fixture.Sha256(FashionMnistDataset.TestImagesFile)), "expected hash");
        Assert.That(error.Message, Does.Contain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(corrupt))), "actual hash");
        Assert.That(error.Message, Does.Contain("Delete the file"));
        Assert.That(error.Message, Does.Contain("repro data fetch fashion-mnist"));
        Assert.That(error.Message, Does.Contain("./build.sh Data"));
        Assert.That(File.ReadAllBytes(corruptPath), Is.EqualTo(corrupt), "the evidence is left in place");
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Offline_mode_lists_the_missing_files_and_where_to_put_them()
    {
        var cache = CacheFolder;
        Directory.CreateDirectory(cache);
        File.WriteAllBytes(Path.Combine(cache, FashionMnistDataset.TrainLabelsFile), _fixture.Files[FashionMnistDataset.TrainLabelsFile]);
        _server.ServeAll("m", _fixture.Files);
        var systemFolder = Path.Combine(_temp.Path, "system");
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [systemFolder]);

        var error = Assert.Throws<DatasetException>(() => Store(offline: true).Resolve(manifest))!;

        Assert.That(error.Message, Does.Contain(FashionMnistDataset.TrainImagesFile));
        Assert.That(error.Message, Does.Contain(FashionMnistDataset.TestImagesFile));
        Assert.That(error.Message, Does.Contain(FashionMnistDataset.TestLabelsFile));
        Assert.That(error.Message, Does.Not.Contain(FashionMnistDataset.TrainLabelsFile), "that one is present");
        Assert.That(error.Message, Does.Contain(_fixture.Sha256(FashionMnistDataset.TrainImagesFile)));
        Assert.That(error.Message, Does.Contain($"put the files into {cache}{Path.DirectorySeparatorChar}"));
        Assert.That(error.Message, Does.Contain(systemFolder));
        Assert.That(error.Message, Does.Contain("install the test package fixture-data"));
        Assert.That(error.Message, Does.Contain("REPRO_OFFLINE"));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void The_real_manifest_offline_names_the_debian_package()
    {
        var manifest = FashionMnistDataset.Manifest;
        var withoutSystem = new DatasetManifest(manifest.Id, manifest.Files, manifest.Mirrors, [new SystemFolder(Path.Combine(_temp.Path, "none"), manifest.SystemFolders[0].InstallHint)]);

        var error = Assert.Throws<DatasetException>(() => Store(offline: true).Resolve(withoutSystem))!;

        Assert.That(error.Message, Does.Contain("sudo apt install dataset-fashion-mnist"));
        Assert.That(error.Message, Does.Contain("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"));
    }

    [Test]
    public void A_system_file_with_a_wrong_hash_is_ignored_with_a_warning_and_the_file_is_downloaded()
    {
        var system = SystemFolderWithFixture();
        var badSystemFile = Path.Combine(system, FashionMnistDataset.TrainImagesFile);
        File.WriteAllBytes(badSystemFile, IdxWriter.Gzip(IdxWriter.Labels([0])));
        _server.ServeAll("m", _fixture.Files);
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [system]);

        var resolved = Store().Resolve(manifest);

        Assert.That(resolved[FashionMnistDataset.TrainImagesFile].Source, Is.EqualTo(FileSource.Download));
        Assert.That(resolved[FashionMnistDataset.TestImagesFile].Source, Is.EqualTo(FileSource.System));
        Assert.That(_log.ToString(), Does.Contain($"warning: ignoring {badSystemFile}"));
        Assert.That(_server.Requests, Is.EqualTo(new[] { $"/m/{FashionMnistDataset.TrainImagesFile}" }));
    }

    [Test]
    public void A_mirror_that_stalls_times_out_and_the_next_mirror_is_used()
    {
        _server.Respond($"/slow/{FashionMnistDataset.TrainLabelsFile}", async (_, stopping) => await Task.Delay(TimeSpan.FromSeconds(10), stopping));
        _server.ServeAll("good", _fixture.Files);
        var manifest = new DatasetManifest(
            FashionMnistDataset.Id,
            [_fixture.Manifest().File(FashionMnistDataset.TrainLabelsFile)],
            [_server.Mirror("slow"), _server.Mirror("good")],
            []);

        var started = DateTime.UtcNow;
        var resolved = Store(timeout: TimeSpan.FromMilliseconds(500)).Resolve(manifest);

        Assert.That(resolved[FashionMnistDataset.TrainLabelsFile].DownloadedFrom, Does.Contain("/good/"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(8)));
        Assert.That(_log.ToString(), Does.Contain("timed out"));
    }

    [Test]
    public void A_response_cut_short_is_reported_and_nothing_is_kept()
    {
        var name = FashionMnistDataset.TrainImagesFile;
        _server.Respond($"/m/{name}", async (context, _) =>
        {
            var body = _fixture.Files[name];
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
            context.Response.Abort();
        });
        var manifest = new DatasetManifest(FashionMnistDataset.Id, [_fixture.Manifest().File(name)], [_server.Mirror("m")], []);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(manifest))!;

        Assert.That(error.Message, Does.Contain($"Could not download {name}"));
        Assert.That(error.Message, Does.Contain($"{_server.BaseAddress}m/{name}"));
        Assert.That(Fast.DataFiles(CacheFolder), Is.Empty);
    }

    [Test]
    public void Inspect_reports_present_missing_and_corrupt_without_downloading()
    {
        var system = SystemFolderWithFixture();
        File.Delete(Path.Combine(system, FashionMnistDataset.TestLabelsFile));
        Directory.CreateDirectory(CacheFolder);
        File.WriteAllBytes(Path.Combine(CacheFolder, FashionMnistDataset.TrainImagesFile), _fixture.Files[FashionMnistDataset.TrainImagesFile]);
        File.WriteAllBytes(Path.Combine(CacheFolder, FashionMnistDataset.TrainLabelsFile), [1, 2, 3]);
        _server.ServeAll("m", _fixture.Files);
        var manifest = _fixture.Manifest(mirrors: [_server.Mirror("m")], systemFolders: [system]);

        var inspections = Store().Inspect(manifest).ToDictionary(i => i.File.Name);

        Assert.That(inspections[FashionMnistDataset.TrainImagesFile], Is.EqualTo(inspections[FashionMnistDataset.TrainImagesFile] with { Status = FileStatus.Present, Source = FileSource.Cache, Size = _fixture.Files[FashionMnistDataset.TrainImagesFile].Length, Sha256 = _fixture.Sha256(FashionMnistDataset.TrainImagesFile) }));
        Assert.That((inspections[FashionMnistDataset.TrainLabelsFile].Status, inspections[FashionMnistDataset.TrainLabelsFile].Source, inspections[FashionMnistDataset.TrainLabelsFile].Size), Is.EqualTo((FileStatus.Corrupt, (FileSource?)FileSource.Cache, (long?)3)));
        Assert.That((inspections[FashionMnistDataset.TestImagesFile].Status, inspections[FashionMnistDataset.TestImagesFile].Source), Is.EqualTo((FileStatus.Present, (FileSource?)FileSource.System)));
        Assert.That((inspections[FashionMnistDataset.TestLabelsFile].Status, inspections[FashionMnistDataset.TestLabelsFile].Source), Is.EqualTo((FileStatus.Missing, (FileSource?)null)));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void A_mirror_server_that_is_down_is_reported()
    {
        int port;
        using (var server = new TestHttpServer())
        {
            port = server.Port;
        }

        var manifest = new DatasetManifest(FashionMnistDataset.Id, [_fixture.Manifest().File(FashionMnistDataset.TestLabelsFile)], [$"http://127.0.0.1:{port}/gone/"], []);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(manifest))!;

        Assert.That(error.Message, Does.Contain($"http://127.0.0.1:{port}/gone/{FashionMnistDataset.TestLabelsFile}: request failed"));
        Assert.That(error.Message, Does.Contain("HTTP_PROXY"));
    }

    private string SystemFolderWithFixture()
    {
        var folder = _temp.Sub("system-" + Guid.NewGuid().ToString("N")[..8]);
        _fixture.WriteTo(folder);
        return folder;
    }
}
