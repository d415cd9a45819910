using System.Security.Cryptography;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;
using static Repro.Reproduction.Tests.RunnerHarness;

namespace Repro.Reproduction.Tests.Weights;

/// <summary>
/// Report 003's transfer experiments through the runner with Keras-layout weight files of the notops' exact names
/// and shapes (random values), found through the dataset store with manifests pinned to them: the smoke profile
/// trains from them and records them; a file that does not fit fails the experiment naming the layer; a file whose
/// hash does not match is not used at all.
/// </summary>
public class TransferRunTests
{
    private KerasWeightFixtures fixtures = null!;
    private string cacheFolder = null!;

    [OneTimeSetUp]
    public void Write() => fixtures = new KerasWeightFixtures();

    [OneTimeTearDown]
    public void Delete() => fixtures.Dispose();

    [SetUp]
    public void SetUp() => cacheFolder = Path.Combine(Path.GetTempPath(), "repro-transfer-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(cacheFolder)) Directory.Delete(cacheFolder, recursive: true);
    }

    /// <summary>The store finds each weight file in <paramref name="folder"/>, pinned to the MD5 of <paramref name="pinnedTo"/> (by default the file itself).</summary>
    private PretrainedWeightFiles WeightsIn(string folder, string? pinnedTo = null) =>
        new(new DatasetStore(Path.Combine(cacheFolder, "data"), offline: true), w =>
        {
            var pinned = pinnedTo ?? Path.Combine(folder, w.FileName);
            var md5 = File.Exists(pinned) ? Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(pinned))) : new string('0', 32);
            return new DatasetManifest(w.Id,
                [new DatasetFile(w.FileName, [new PinnedHash(HashAlgorithmKind.Md5, md5, "test fixture")])], [], [new SystemFolder(folder, "test fixture")]);
        });

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(fixtures.Folder, name)).FullName;

    [Test]
    public void Smoke_vgg16_transfer_trains_from_its_weight_file_and_records_it()
    {
        var folder = Folder("vgg16");
        var file = Report003.Vgg16TransferHoldOut.Weights[0].FileName;
        fixtures.Write("vgg16", Path.Combine("vgg16", file));
        var (loaded, _) = Run(cacheFolder, 1, false, RunProfile.Smoke, WeightsIn(folder), Report003.Vgg16TransferHoldOut);
        var (initialised, _) = Run(cacheFolder, 1, false, RunProfile.Smoke, WeightsIn(Folder("none")), Report003.Vgg16TransferHoldOut);
        var prerequisites = new FullRunPrerequisites(new ExperimentDataLoader(DatasetStore.Default().WithOffline(true)), WeightsIn(folder));
        Assert.That(prerequisites.Missing(Report003.Vgg16TransferHoldOut), Is.Null, "with its weight file here the full profile runs too");
        var withWeights = (CompletedExperiment)loaded[0];
        var without = (CompletedExperiment)initialised[0];
        Assert.Multiple(() =>
        {
            Assert.That(withWeights.DataFiles[file].Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))))));
            Assert.That(withWeights.DataDescription, Does.EndWith($"base weights from {file}"));
            Assert.That(without.DataDescription, Does.EndWith("base weights: Keras's initialisers (the weight files are not on disk)"));
            Assert.That(without.DataFiles.ContainsKey(file), Is.False);
            Assert.That(withWeights.Seeds[0].Runs[0].StepLosses, Is.Not.EqualTo(without.Seeds[0].Runs[0].StepLosses), "the base's weights decide the losses");
            Assert.That(withWeights.Seeds[0].Runs[0].Key, Is.Not.EqualTo(without.Seeds[0].Runs[0].Key), "the weight file is part of the run key");
        });
    }

    [Test]
    public void Smoke_resnet50_transfer_trains_from_its_weight_file()
    {
        var folder = Folder("resnet50");
        var file = Report003.ResNet50TransferHoldOut.Weights[0].FileName;
        fixtures.Write("resnet50", Path.Combine("resnet50", file));
        var (outcomes, observer) = Run(cacheFolder, 1, false, RunProfile.Smoke, WeightsIn(folder), Report003.ResNet50TransferHoldOut);
        var completed = (CompletedExperiment)outcomes[0];
        Assert.Multiple(() =>
        {
            Assert.That(observer.Trainings, Is.EqualTo(1));
            Assert.That(completed.DataFiles, Does.ContainKey(file));
            Assert.That(completed.Seeds[0].Runs[0].StepLosses.All(double.IsFinite), Is.True);
        });
    }

    [Test]
    public void A_vgg16_file_with_one_kernel_of_the_wrong_shape_fails_the_experiment_naming_the_layer()
    {
        var folder = Folder("wrong-shape");
        fixtures.Write("vgg16", Path.Combine("wrong-shape", Report003.Vgg16TransferHoldOut.Weights[0].FileName), "wrong-shape");
        var (outcomes, _) = Run(cacheFolder, 1, false, RunProfile.Smoke, WeightsIn(folder), Report003.Vgg16TransferHoldOut);
        var failed = (FailedExperiment)outcomes[0];
        Assert.That(failed.Message, Does.Contain("does not match the model: layer block3_conv2: block3_conv2_W_1:0 has shape (3, 3, 128, 256), the model's kernel needs (3, 3, 256, 256)"));
    }

    /// <summary>
    /// A file of the right name that is not the published one (a user's own weights, random test values): the full
    /// profile refuses it, since its numbers would be judged against the report; the smoke profile trains from it and says so.
    /// </summary>
    [Test]
    public void A_weight_file_that_fails_its_pinned_hash_runs_only_the_smoke_profile_and_says_so()
    {
        var folder = Folder("unpublished");
        var file = Report003.Vgg16TransferHoldOut.Weights[0].FileName;
        var path = fixtures.Write("vgg16", Path.Combine("unpublished", file));
        var pin = fixtures.Write("small", "pinned.h5");
        var weights = WeightsIn(folder, pinnedTo: pin);
        Assert.That(weights.Missing(Report003.Vgg16TransferHoldOut), Does.StartWith($"weights missing: {file} is corrupt ({path} matches no pinned hash); delete it and run `repro data fetch"));
        var (full, fullObserver) = Run(cacheFolder, 1, false, RunProfile.Full, weights, Report003.Vgg16TransferHoldOut);
        var (smoke, smokeObserver) = Run(cacheFolder, 1, false, RunProfile.Smoke, weights, Report003.Vgg16TransferHoldOut);
        var md5 = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));
        var trained = (CompletedExperiment)smoke[0];
        Assert.Multiple(() =>
        {
            Assert.That(fullObserver.Trainings, Is.Zero);
            Assert.That(((NotRunExperiment)full[0]).Reason, Does.Contain($"{file} is corrupt"));
            Assert.That(smokeObserver.Trainings, Is.EqualTo(1));
            Assert.That(trained.DataDescription, Does.EndWith($"base weights from {file} (not the published file: MD5 {md5}, the published {Report003.Vgg16TransferHoldOut.Weights[0].Md5})"));
            Assert.That(trained.DataFiles[file].Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))));
            Assert.That(trained.Seeds[0].Runs[0].StepLosses.All(double.IsFinite), Is.True);
        });
    }
}
