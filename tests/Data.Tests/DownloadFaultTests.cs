using System.Formats.Tar;
using Repro.Experiments;

namespace Repro.Data.Tests;

/// <summary>
/// Faults a real mirror shows, injected by a real HTTP server on 127.0.0.1, against the real datasets' formats.
/// Every test checks the outcome and that the cache holds no bad or partial file afterwards.
/// </summary>
internal sealed class DownloadFaultTests : LoopbackStoreTests
{
    [Test]
    public void A_404_moves_on_to_the_next_mirror()
    {
        var digits = new UciDigitsFixture(trainCount: 3, testCount: 2);
        _server.Serve($"/good/{UciDigitsDataset.TrainingFile}", digits.Training);
        _server.Serve($"/good/{UciDigitsDataset.TestFile}", digits.Test);

        var data = UciDigitsDataset.Load(Store(), UciDigitsFixture.Full([_server.Mirror("missing"), _server.Mirror("good")]));

        Assert.That(data.Files[UciDigitsDataset.TrainingFile].DownloadedFrom, Is.EqualTo($"{_server.BaseAddress}good/{UciDigitsDataset.TrainingFile}"));
        Assert.That(_server.Requests.Count(r => r == $"/missing/{UciDigitsDataset.TrainingFile}"), Is.EqualTo(1), "a 404 is not retried");
        Assert.That(_log.ToString(), Does.Contain("HTTP 404"));
        Assert.That(DataFileNames(UciDigitsDataset.Id), Is.EquivalentTo(new[] { UciDigitsDataset.TrainingFile, UciDigitsDataset.TestFile, TrustLock.FileName }));
    }

    [Test]
    public void A_500_is_retried_on_the_same_mirror_and_then_succeeds()
    {
        var digits = new UciDigitsFixture(trainCount: 3, testCount: 2);
        _server.FailThenServe($"/m/{UciDigitsDataset.TrainingFile}", 500, failures: 1, digits.Training);
        _server.Serve($"/m/{UciDigitsDataset.TestFile}", digits.Test);

        var data = UciDigitsDataset.Load(Store(), UciDigitsFixture.Full([_server.Mirror("m")]));

        Assert.That(_server.Requests.Count(r => r == $"/m/{UciDigitsDataset.TrainingFile}"), Is.EqualTo(2));
        Assert.That(_log.ToString(), Does.Contain("HTTP 500").And.Contain("retrying"));
        Assert.That(File.ReadAllBytes(Path.Combine(CacheRoot, UciDigitsDataset.Id, UciDigitsDataset.TrainingFile)), Is.EqualTo(digits.Training));
        Assert.That(data.TrainLabels, Is.EqualTo(digits.TrainRows.Select(r => r[64]).ToArray()));
        Assert.That(DataFileNames(UciDigitsDataset.Id), Is.EquivalentTo(new[] { UciDigitsDataset.TrainingFile, UciDigitsDataset.TestFile, TrustLock.FileName }), "no temporary file is left");
    }

    [Test]
    public void A_connection_cut_mid_file_is_resumed_with_a_range_request_and_the_file_is_complete()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var cut = cifar.Archive.Length / 2;
        _server.CutOnceThenServe($"/m/{Cifar10Dataset.ArchiveFile}", cifar.Archive, cut);

        var data = Cifar10Dataset.Load(Store(), cifar.Manifest([_server.Mirror("m")]), PixelLayout.AsPublished);

        var requests = _server.RequestsWithRange.Where(r => r.Path == $"/m/{Cifar10Dataset.ArchiveFile}").ToArray();
        Assert.That(requests, Has.Length.EqualTo(2));
        Assert.That(requests[0].Range, Is.Null);
        Assert.That(requests[1].Range, Is.EqualTo($"bytes={cut}-"));
        Assert.That(File.ReadAllBytes(Path.Combine(CacheRoot, Cifar10Dataset.Id, Cifar10Dataset.ArchiveFile)), Is.EqualTo(cifar.Archive));
        Assert.That(data.TrainCount, Is.EqualTo(10));
        Assert.That(_log.ToString(), Does.Contain("resuming at"));
        Assert.That(Fast.DataFiles(Path.Combine(CacheRoot, Cifar10Dataset.Id)).Where(f => f.EndsWith(".partial", StringComparison.Ordinal) || f.EndsWith(".extracting", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void An_archive_with_the_wrong_md5_is_discarded()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var other = cifar.ArchiveWith(TarGzWriter.File("cifar-10-batches-bin/extra.bin", [1, 2, 3]));
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", other);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(cifar.Manifest([_server.Mirror("m")])))!;

        Assert.That(error.Message, Does.Contain($"Could not download {Cifar10Dataset.ArchiveFile}"));
        Assert.That(error.Message, Does.Contain("matches no pinned hash (md5 "));
        Assert.That(DataFileNames(Cifar10Dataset.Id), Is.Empty);
    }

    [Test]
    public void A_stalled_response_times_out_after_the_retries_and_nothing_is_kept()
    {
        var digits = new UciDigitsFixture(trainCount: 3, testCount: 2);
        _server.Respond($"/slow/{UciDigitsDataset.TrainingFile}", async (context, stopping) =>
        {
            context.Response.ContentLength64 = digits.Training.Length;
            await context.Response.OutputStream.WriteAsync(digits.Training.AsMemory(0, 10), stopping);
            await context.Response.OutputStream.FlushAsync(stopping);
            await Task.Delay(TimeSpan.FromSeconds(10), stopping);
        });
        var started = DateTime.UtcNow;

        var error = Assert.Throws<DatasetException>(() => Store(timeout: TimeSpan.FromMilliseconds(300)).Resolve(UciDigitsFixture.Full([_server.Mirror("slow")])))!;

        Assert.That(error.Message, Does.Contain("timed out"));
        Assert.That(_server.Requests.Count(r => r == $"/slow/{UciDigitsDataset.TrainingFile}"), Is.EqualTo(Fast.Download.Attempts));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(8)));
        Assert.That(DataFileNames(UciDigitsDataset.Id), Is.Empty);
    }

    [Test]
    public void A_redirect_is_followed()
    {
        var digits = new UciDigitsFixture(trainCount: 3, testCount: 2);
        _server.Redirect($"/old/{UciDigitsDataset.TrainingFile}", $"/new/{UciDigitsDataset.TrainingFile}");
        _server.Redirect($"/old/{UciDigitsDataset.TestFile}", $"/new/{UciDigitsDataset.TestFile}");
        _server.Serve($"/new/{UciDigitsDataset.TrainingFile}", digits.Training);
        _server.Serve($"/new/{UciDigitsDataset.TestFile}", digits.Test);

        var data = UciDigitsDataset.Load(Store(), UciDigitsFixture.Full([_server.Mirror("old")]));

        Assert.That(_server.Requests, Is.EqualTo(new[]
        {
            $"/old/{UciDigitsDataset.TrainingFile}", $"/new/{UciDigitsDataset.TrainingFile}",
            $"/old/{UciDigitsDataset.TestFile}", $"/new/{UciDigitsDataset.TestFile}",
        }));
        Assert.That(File.ReadAllBytes(data.Files[UciDigitsDataset.TestFile].Path), Is.EqualTo(digits.Test));
        Assert.That(DataFileNames(UciDigitsDataset.Id), Is.EquivalentTo(new[] { UciDigitsDataset.TrainingFile, UciDigitsDataset.TestFile, TrustLock.FileName }), "no temporary file is left");
    }

    [TestCase("../escaped.bin")]
    [TestCase("cifar-10-batches-bin/../../escaped.bin")]
    [TestCase("/tmp/escaped.bin")]
    public void An_archive_member_leaving_the_folder_is_rejected_and_nothing_is_extracted(string hostile)
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var archive = cifar.ArchiveWith(TarGzWriter.File(hostile, [6, 6, 6]));
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", archive);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(cifar.Manifest([_server.Mirror("m")], archive)))!;

        Assert.That(error.Message, Does.Contain($"its member '{hostile}' is unsafe"));
        Assert.That(DataFileNames(Cifar10Dataset.Id), Is.EquivalentTo(new[] { Cifar10Dataset.ArchiveFile, TrustLock.FileName }), "only the (MD5-pinned) archive itself and its first-use SHA-256 record, no member and no temporary file");
        Assert.That(Directory.GetFiles(_temp.Path, "escaped.bin", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.Exists(Path.Combine(CacheRoot, "escaped.bin")), Is.False);
    }

    [Test]
    public void An_archive_holding_a_member_twice_is_rejected()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var archive = cifar.ArchiveWith(TarGzWriter.File($"cifar-10-batches-bin/{Cifar10Dataset.TestFile}", new byte[cifar.BatchBytes]));
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", archive);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(cifar.Manifest([_server.Mirror("m")], archive)))!;

        Assert.That(error.Message, Does.Contain("appears twice"));
        Assert.That(DataFileNames(Cifar10Dataset.Id), Is.EquivalentTo(new[] { Cifar10Dataset.ArchiveFile, TrustLock.FileName }));
    }

    [TestCase(TarEntryType.SymbolicLink)]
    [TestCase(TarEntryType.HardLink)]
    public void An_archive_with_a_link_is_rejected(TarEntryType type)
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var link = new PaxTarEntry(type, "cifar-10-batches-bin/data_batch_1.bin") { LinkName = "/etc/passwd" };
        var archive = cifar.ArchiveWith(link);
        _server.Serve($"/m/{Cifar10Dataset.ArchiveFile}", archive);

        var error = Assert.Throws<DatasetException>(() => Store().Resolve(cifar.Manifest([_server.Mirror("m")], archive)))!;

        Assert.That(error.Message, Does.Contain("link to '/etc/passwd'"));
        Assert.That(DataFileNames(Cifar10Dataset.Id), Is.EquivalentTo(new[] { Cifar10Dataset.ArchiveFile, TrustLock.FileName }));
    }

    [Test]
    public void Two_concurrent_fetches_of_one_dataset_both_succeed_and_download_once()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        _server.Respond($"/m/{Cifar10Dataset.ArchiveFile}", async (context, stopping) =>
        {
            // Slow enough that the second fetch arrives while the first holds the lock.
            await Task.Delay(300, stopping);
            context.Response.ContentLength64 = cifar.Archive.Length;
            await context.Response.OutputStream.WriteAsync(cifar.Archive, stopping);
            context.Response.Close();
        });
        var manifest = cifar.Manifest([_server.Mirror("m")]);
        using var barrier = new Barrier(2);

        var results = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() =>
            {
                barrier.SignalAndWait();
                return new DatasetStore(CacheRoot, false, TimeSpan.FromSeconds(20), new StringWriter(), Fast.Download).Resolve(manifest);
            }))
            .ToArray();
        Task.WaitAll(results);

        Assert.That(_server.Requests.Count(r => r == $"/m/{Cifar10Dataset.ArchiveFile}"), Is.EqualTo(1));
        foreach (var name in Cifar10Fixture.BatchNames)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(CacheRoot, Cifar10Dataset.Id, name)), Is.EqualTo(cifar.Batches[name]), name);
            Assert.That(results.Select(r => r.Result[name].Sha256).Distinct().Count(), Is.EqualTo(1));
        }

        Assert.That(DataFileNames(Cifar10Dataset.Id), Is.EquivalentTo(Cifar10Fixture.BatchNames.Append(Cifar10Dataset.ArchiveFile).Append(TrustLock.FileName)));
    }

    private string[] DataFileNames(string id) => Fast.DataFiles(Path.Combine(CacheRoot, id)).Select(f => Path.GetFileName(f)!).ToArray();
}
