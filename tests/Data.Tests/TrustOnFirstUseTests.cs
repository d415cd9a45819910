using System.Text.Json;

namespace Repro.Data.Tests;

/// <summary>Files without a published SHA-256: recorded on first verified use, enforced afterwards; sizes and offline extraction.</summary>
internal sealed class TrustOnFirstUseTests : LoopbackStoreTests
{
    [Test]
    public void The_first_download_is_recorded_in_the_lock_file_and_a_changed_copy_is_then_corrupt()
    {
        var (digits, manifest) = ServedDigits();
        var folder = Path.Combine(CacheRoot, UciDigitsDataset.Id);

        var first = Store().Resolve(manifest);

        using (var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, TrustLock.FileName))))
        {
            var record = document.RootElement.GetProperty(UciDigitsDataset.TrainingFile);
            Assert.That(record.GetProperty("Sha256").GetString(), Is.EqualTo(Sha256(digits.Training)));
            Assert.That(record.GetProperty("Size").GetInt64(), Is.EqualTo(digits.Training.Length));
            Assert.That(record.GetProperty("Origin").GetString(), Is.EqualTo($"{_server.BaseAddress}m/{UciDigitsDataset.TrainingFile}"));
        }

        Assert.That(first[UciDigitsDataset.TrainingFile].Match.Provenance, Does.StartWith("trust on first use"));
        var inspection = Store().Inspect(manifest).Single(i => i.File.Name == UciDigitsDataset.TrainingFile);
        Assert.That(inspection.Trust, Is.EqualTo($"first-use {DateTimeOffset.UtcNow:yyyy-MM-dd}"));

        var second = Store().Resolve(manifest);
        Assert.That(second[UciDigitsDataset.TrainingFile].Source, Is.EqualTo(FileSource.Cache));

        File.WriteAllBytes(Path.Combine(folder, UciDigitsDataset.TrainingFile), digits.Test);
        var error = Assert.Throws<DatasetException>(() => Store().Resolve(manifest))!;
        Assert.That(error.Message, Does.Contain("is corrupt"));
        Assert.That(error.Message, Does.Contain($"the SHA-256 recorded on first use").And.Contain(Sha256(digits.Training)));
        Assert.That(_server.Requests.Count, Is.EqualTo(2), "the later loads never download");
    }

    [Test]
    public void An_export_carries_the_first_use_records_so_that_a_changed_copy_there_is_corrupt_too()
    {
        var (digits, manifest) = ServedDigits();
        Store().Resolve(manifest);
        var exportRoot = Path.Combine(_temp.Path, "export");

        var exported = Store().ExportAsync(manifest, exportRoot).GetAwaiter().GetResult();

        var source = TrustLock.Read(Path.Combine(CacheRoot, UciDigitsDataset.Id));
        var copy = TrustLock.Read(Path.Combine(exportRoot, UciDigitsDataset.Id));
        Assert.That(copy.Records, Is.EquivalentTo(source.Records));
        Assert.That(copy.Records.Keys, Is.EquivalentTo(new[] { UciDigitsDataset.TrainingFile, UciDigitsDataset.TestFile }));
        Assert.That(exported[UciDigitsDataset.TrainingFile].Source, Is.EqualTo(FileSource.Cache));
        Assert.That(exported[UciDigitsDataset.TrainingFile].Match.Provenance, Does.StartWith("trust on first use"));

        File.WriteAllBytes(exported[UciDigitsDataset.TrainingFile].Path, digits.Test);
        var offlineAtTheCopy = new DatasetStore(exportRoot, offline: true, log: _log);
        var error = Assert.Throws<DatasetException>(() => offlineAtTheCopy.Resolve(manifest))!;
        Assert.That(error.Message, Does.Contain("is corrupt").And.Contain(Sha256(digits.Training)));
        Assert.That(_server.Requests.Count, Is.EqualTo(2), "only the first resolution downloads");
    }

    [Test]
    public void A_batch_file_of_the_wrong_size_is_corrupt_before_any_hash_is_consulted()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var folder = Directory.CreateDirectory(Path.Combine(CacheRoot, Cifar10Dataset.Id)).FullName;
        foreach (var (name, bytes) in cifar.Batches)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        File.WriteAllBytes(Path.Combine(folder, Cifar10Dataset.TestFile), cifar.Batches[Cifar10Dataset.TestFile][..^1]);
        var manifest = cifar.Manifest([]);

        var inspection = Store().Inspect(manifest).Single(i => i.File.Name == Cifar10Dataset.TestFile);
        var error = Assert.Throws<DatasetException>(() => Store().Resolve(manifest))!;

        Assert.That(inspection.Status, Is.EqualTo(FileStatus.Corrupt));
        Assert.That(inspection.Reason, Is.EqualTo($"its size is {cifar.BatchBytes - 1} bytes, not the published {cifar.BatchBytes}"));
        Assert.That(error.Message, Does.Contain(Cifar10Dataset.TestFile).And.Contain("not the published"));
    }

    [Test]
    public void Offline_the_archive_put_in_the_cache_by_hand_is_extracted_without_network()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);
        var folder = Directory.CreateDirectory(Path.Combine(CacheRoot, Cifar10Dataset.Id)).FullName;
        File.WriteAllBytes(Path.Combine(folder, Cifar10Dataset.ArchiveFile), cifar.Archive);

        var resolved = Store(offline: true).Resolve(cifar.Manifest([_server.Mirror("m")]));

        foreach (var name in Cifar10Fixture.BatchNames)
        {
            Assert.That(resolved[name].Source, Is.EqualTo(FileSource.Extracted));
            Assert.That(File.ReadAllBytes(resolved[name].Path), Is.EqualTo(cifar.Batches[name]));
            Assert.That(resolved[name].Match.Provenance, Does.Contain($"extracted from {Cifar10Dataset.ArchiveFile} (md5 "));
        }

        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void Offline_without_the_archive_says_which_file_to_put_where()
    {
        var cifar = new Cifar10Fixture(recordsPerBatch: 2);

        var error = Assert.Throws<DatasetException>(() => Store(offline: true).Resolve(cifar.Manifest([_server.Mirror("m")])))!;

        Assert.That(error.Message, Does.Contain("offline mode is on"));
        Assert.That(error.Message, Does.Contain($"  {Cifar10Dataset.ArchiveFile}  (md5 "));
        Assert.That(error.Message, Does.Contain($"put the files into {Path.Combine(CacheRoot, Cifar10Dataset.Id)}{Path.DirectorySeparatorChar}"));
        Assert.That(_server.Requests, Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(CacheRoot, Cifar10Dataset.Id)), Is.False, "offline and with nothing to do, the cache is not touched");
    }

    /// <summary>The full UCI digits as fixtures served by the test server, and their manifest (no published hashes: trust on first use).</summary>
    private (UciDigitsFixture Digits, DatasetManifest Manifest) ServedDigits()
    {
        var digits = new UciDigitsFixture(trainCount: 3, testCount: 2);
        _server.Serve($"/m/{UciDigitsDataset.TrainingFile}", digits.Training);
        _server.Serve($"/m/{UciDigitsDataset.TestFile}", digits.Test);
        return (digits, UciDigitsFixture.Full([_server.Mirror("m")]));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
