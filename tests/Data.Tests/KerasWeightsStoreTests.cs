using System.CommandLine;
using System.Security.Cryptography;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Cli;

namespace Repro.Data.Tests;

/// <summary>
/// Pretrained weight files in the dataset store: downloaded from their address on a real server on 127.0.0.1 into
/// the cache, checked against the published MD5 with their SHA-256 recorded on first use and enforced afterwards;
/// offline, the message names the file and where to put it; `repro data list` shows the real ones.
/// </summary>
internal sealed class KerasWeightsStoreTests : LoopbackStoreTests
{
    private static readonly byte[] Bytes = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 251))];

    private PretrainedWeights Weights => new("test-base-notop", "test_base_notop.h5", _server.Mirror("keras-applications/test") + "test_base_notop.h5",
        Convert.ToHexStringLower(MD5.HashData(Bytes)), "the test base");

    [Test]
    public void A_weight_file_downloads_into_the_cache_checked_by_its_md5_and_its_sha256_is_recorded()
    {
        _server.ServeWithRanges("/keras-applications/test/test_base_notop.h5", Bytes);
        var manifest = KerasWeightsManifest.For(Weights);
        var resolved = Store().Resolve(manifest).Files["test_base_notop.h5"];
        var folder = Path.Combine(CacheRoot, "test-base-notop");
        Assert.Multiple(() =>
        {
            Assert.That(resolved.Path, Is.EqualTo(Path.Combine(folder, "test_base_notop.h5")));
            Assert.That(File.ReadAllBytes(resolved.Path), Is.EqualTo(Bytes));
            Assert.That(resolved.Source, Is.EqualTo(FileSource.Download));
            Assert.That(resolved.Match.Display, Is.EqualTo($"md5 {Weights.Md5}"));
            Assert.That(TrustLock.Read(folder).Find("test_base_notop.h5")!.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Bytes))));
        });
    }

    [Test]
    public void A_weight_file_whose_bytes_differ_from_its_first_use_record_is_refused()
    {
        _server.ServeWithRanges("/keras-applications/test/test_base_notop.h5", Bytes);
        var manifest = KerasWeightsManifest.For(Weights);
        Store().Resolve(manifest);
        var folder = Path.Combine(CacheRoot, "test-base-notop");
        // Stands for a copy with the same MD5 but other bytes: the record, not the file, is what differs here.
        var lockPath = Path.Combine(folder, TrustLock.FileName);
        File.WriteAllText(lockPath, File.ReadAllText(lockPath).Replace(Convert.ToHexStringLower(SHA256.HashData(Bytes)), new string('a', 64)));
        var refusal = Assert.Throws<DatasetException>(() => Store(offline: true).Resolve(manifest))!;
        Assert.That(refusal.Message, Does.Contain($"{Path.Combine(folder, "test_base_notop.h5")} is corrupt"));
        Assert.That(refusal.Message, Does.Contain($"the SHA-256 recorded on first use"));
    }

    [Test]
    public void Offline_the_message_names_the_weight_file_and_where_to_put_it()
    {
        var refusal = Assert.Throws<DatasetException>(() => Store(offline: true).Resolve(KerasWeightsManifest.For(Weights)))!;
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Message, Does.Contain($"test_base_notop.h5  (md5 {Weights.Md5})"));
            Assert.That(refusal.Message, Does.Contain($"put the files into {Path.Combine(CacheRoot, "test-base-notop")}{Path.DirectorySeparatorChar}"));
            Assert.That(refusal.Message, Does.Contain($"put it in {KerasWeightsManifest.KerasCache}{Path.DirectorySeparatorChar}, where Keras keeps what keras.applications downloads"));
        });
    }

    [Test]
    public void Data_list_shows_the_transfer_experiments_weight_files()
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(log => Store(offline: true), KerasWeightsManifest.All));
        var output = new StringWriter();
        var exitCode = root.Parse(["data", "list"]).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        var text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            foreach (var weights in Report003.Definition.Experiments.SelectMany(e => e.Weights))
            {
                Assert.That(text, Does.Match($@"{weights.Id}\s+{weights.FileName}\s+missing"));
                Assert.That(text, Does.Contain($"{weights.Id}: missing (Keras ImageNet weights for {weights.LoadsInto}): offline mode"));
            }
        });
    }
}
