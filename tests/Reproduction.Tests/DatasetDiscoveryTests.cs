using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Datasets are found by discovery: <see cref="TestDigitsDataset"/>, one file of this assembly, is listed by `repro
/// data`, read, and trained on by <see cref="Report991"/> (with this assembly's <see cref="GlobalAveragePooling2D"/>)
/// through the same code as Repro's own datasets, with no file of Repro's own edited.
/// </summary>
public class DatasetDiscoveryTests
{
    private string _folder = null!;

    private DatasetStore Store => new(Path.Combine(_folder, "data"), offline: true, log: TextWriter.Null);

    private static Experiment Discovered => ExperimentRegistry.Discover(typeof(ExperimentRegistry).Assembly, typeof(Report991).Assembly)
        .Single(r => r.Report == "991").Experiments.Single();

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("repro-dataset-discovery-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_dataset_in_one_file_of_another_assembly_is_listed_and_its_files_are_read_and_verified()
    {
        var missing = Data("list", TestDigitsDataset.Id);
        TestDigitsDataset.Fixture(trainCount: 60, testCount: 30).WriteTo(Store.CacheFolder(TestDigitsDataset.Manifest));
        var verify = Data("verify", TestDigitsDataset.Id);
        using var data = new ExperimentDataLoader(Store).Load(Discovered.Data, Discovered.InputShape);
        Assert.Multiple(() =>
        {
            Assert.That(DatasetRegistry.All.Select(d => d.Id), Does.Contain(TestDigitsDataset.Id));
            Assert.That(DatasetCatalog.All, Does.Contain(TestDigitsDataset.Manifest));
            Assert.That(missing.Output, Does.Contain("test-digits: missing (Test digits): offline mode"));
            Assert.That(verify.ExitCode, Is.Zero, verify.Error);
            Assert.That(verify.Output, Does.Contain("test-digits: ok: 60 training and 30 test images of 1×8×8, 10 classes"));
            Assert.That(data.Origin, Is.EqualTo(DataOrigin.Real));
            Assert.That((data.Train.Count, data.Test!.Count, data.ClassCount), Is.EqualTo((60L, 30L, 10)));
            Assert.That(data.Description, Does.StartWith("Test digits (test-digits); 60 training + 30 test rows"));
        });
    }

    [Test]
    public void A_report_on_it_is_discovered_planned_estimated_and_runs_its_smoke_profile()
    {
        var experiment = Discovered;
        var availability = new ExperimentDataLoader(Store).Availability(experiment.Data);
        var (outcomes, observer) = RunnerHarness.Run(Path.Combine(_folder, "cache"), 1, keepCheckpoints: false, RunProfile.Smoke,
            new PretrainedWeightFiles(Store), experiment);
        var smoke = (CompletedExperiment)outcomes.Single();
        // The published 60 training rows, 3 epochs of 16-row batches: 12 steps.
        var multiplyAccumulates = TimeEstimate.ForwardMultiplyAccumulates(experiment.Model, experiment.InputShape);
        var estimate = (12 * TimeEstimate.SecondsPerStep) + (3 * multiplyAccumulates * 60 * 3 / TimeEstimate.MultiplyAccumulatesPerSecond);
        Assert.Multiple(() =>
        {
            Assert.That(availability, Is.EqualTo(new DataAvailability(false, "test-digits not on this machine; `repro data fetch test-digits` downloads it or says where to put the files")));
            Assert.That(TimeEstimate.Of(experiment).TotalSeconds, Is.EqualTo(estimate).Within(1e-6));
            Assert.That(observer.Trainings, Is.EqualTo(1));
            Assert.That(smoke.FixtureData, Is.True);
            Assert.That(smoke.DataDescription, Does.StartWith("Test digits (test-digits); 48 training + 24 test rows"));
            Assert.That(smoke.Seeds.Single().MetricValues[MetricNames.TestAccuracy], Is.InRange(0.0, 1.0));
        });
    }

    [Test]
    public void An_estimate_for_an_unknown_dataset_is_an_error_listing_the_known_ones()
    {
        var unknown = Discovered with { Data = new DataSpec("no-such-dataset", PixelScale: 255) };

        var error = Assert.Throws<DatasetException>(() => TimeEstimate.Of(unknown))!;

        Assert.That(error.Message, Does.StartWith("Unknown dataset 'no-such-dataset'. Known datasets: cifar-10, cifar-10-grey, fashion-mnist, ").And.Contain(TestDigitsDataset.Id));
    }

    private (int ExitCode, string Output, string Error) Data(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(_ => Store, DatasetCatalog.All));
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(["data", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
