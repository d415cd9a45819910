using System.CommandLine;
using System.Security.Cryptography;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Tests.Weights;

/// <summary>`repro data verify` reads a weight file to the end: a whole one is described, a truncated one fails naming it.</summary>
public class WeightFileVerifyTests
{
    private KerasWeightFixtures fixtures = null!;

    [SetUp]
    public void Write() => fixtures = new KerasWeightFixtures();

    [TearDown]
    public void Delete() => fixtures.Dispose();

    /// <summary>The VGG16 weights' manifest pinned to <paramref name="bytes"/>, which lie in the cache.</summary>
    private (int ExitCode, string Output, string Error) Verify(byte[] bytes)
    {
        var weights = Report003.Vgg16TransferHoldOut.Weights[0] with { Md5 = Convert.ToHexStringLower(MD5.HashData(bytes)) };
        var manifest = KerasWeightsManifest.For(weights);
        var cache = Path.Combine(fixtures.Folder, "cache");
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(cache, manifest.Id)).FullName, weights.FileName), bytes);
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(log => new DatasetStore(cache, offline: true, log: log), [manifest]));
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = root.Parse(["data", "verify", manifest.Id]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void A_whole_weight_file_is_read_to_the_end_and_described()
    {
        var verify = Verify(File.ReadAllBytes(fixtures.Write("small", "small.h5")));
        Assert.That(verify.ExitCode, Is.Zero, verify.Error);
        // 3·3·3·4 + 4, 4·4, 3·3·4·6 + 6, 4·6.
        Assert.That(verify.Output, Does.Contain("vgg16-imagenet-notop: ok: a Keras weight file with 4 layers holding weights, 374 values"));
    }

    [Test]
    public void A_truncated_weight_file_fails_verification_naming_it()
    {
        var whole = File.ReadAllBytes(fixtures.Write("small", "small.h5"));
        var verify = Verify(whole[..(whole.Length * 2 / 3)]);
        Assert.That(verify.ExitCode, Is.EqualTo(1));
        Assert.That(verify.Error, Does.Contain("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"));
        Assert.That(verify.Error, Does.Contain("truncated or damaged"));
    }
}
