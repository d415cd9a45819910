using Repro.Experiments;
using static Repro.Reproduction.Tests.RunnerHarness;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The runner's checkpoints on report 001's CNN (3 epochs, also evaluated after 2): kept with
/// --keep-checkpoints, resumed after the run cache is gone with the same numbers for both lengths
/// (the evaluation after epoch 2 comes from the checkpoint), and a corrupt one reported and retrained.
/// </summary>
public class CheckpointRunnerTests
{
    private static readonly Experiment Short = ExperimentRunnerTests.Short;
    private static readonly Experiment Long = Short with { Id = "test-long", Training = Short.Training with { Epochs = 3 } };
    private string cacheFolder = null!;

    [SetUp]
    public void SetUp() => cacheFolder = Path.Combine(Path.GetTempPath(), "repro-checkpoint-runner-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(cacheFolder)) Directory.Delete(cacheFolder, recursive: true);
    }

    private string[] Checkpoints() => Directory.Exists(Path.Combine(cacheFolder, "checkpoints")) ? Directory.GetFiles(Path.Combine(cacheFolder, "checkpoints")) : [];

    private void ForgetRunRecords()
    {
        foreach (var record in Directory.GetFiles(cacheFolder, "*.json")) File.Delete(record);
    }

    [Test]
    public void A_kept_checkpoint_resumes_to_the_same_numbers_for_every_length()
    {
        var (straight, _) = Run(cacheFolder, 1, keepCheckpoints: true, Long, Short);
        Assert.That(Checkpoints(), Has.Length.EqualTo(1), "--keep-checkpoints keeps the last one (after epoch 2)");
        ForgetRunRecords();

        var (resumed, observer) = Run(cacheFolder, 1, keepCheckpoints: false, Long, Short);

        Assert.Multiple(() =>
        {
            Assert.That(observer.ResumedAfter, Is.EqualTo(new[] { 2 }));
            Assert.That(FirstSeedMetricValues(resumed[0]), Is.EqualTo(FirstSeedMetricValues(straight[0])));
            Assert.That(FirstSeedMetricValues(resumed[1]), Is.EqualTo(FirstSeedMetricValues(straight[1])));
            Assert.That(Checkpoints(), Is.Empty, "deleted once the training completes");
        });
    }

    [Test]
    public void A_corrupt_checkpoint_is_reported_and_the_training_restarts()
    {
        var (straight, _) = Run(cacheFolder, 1, keepCheckpoints: true, Long);
        var checkpoint = Checkpoints().Single();
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..100]);
        ForgetRunRecords();

        var (again, observer) = Run(cacheFolder, 1, keepCheckpoints: false, Long);

        Assert.Multiple(() =>
        {
            Assert.That(observer.CheckpointRejections.Single(), Does.StartWith(checkpoint).And.Contain("corrupted"));
            Assert.That(observer.ResumedAfter, Is.Empty);
            Assert.That(FirstSeedMetricValues(again[0]), Is.EqualTo(FirstSeedMetricValues(straight[0])));
        });
    }
}
