using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Runs;
using static Repro.Reproduction.Tests.RunnerHarness;

namespace Repro.Reproduction.Tests;

/// <summary>
/// A run-cache file that was edited, truncated, holds NaN, or whose scores contradict its
/// confusion matrix is rejected by name and retrained, and the retrained record replaces it;
/// a training that diverges fails its experiment and stores nothing. Each test starts from a
/// copy of one real 2-epoch training on the digits subset.
/// </summary>
public class RunCacheVerificationTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "repro-cache-verification-tests", Guid.NewGuid().ToString("N"));
    private static readonly string Pristine = Path.Combine(Root, "pristine");
    private static readonly Experiment Short = ExperimentRunnerTests.Short;
    private RunRecord trained = null!;
    private string cacheFolder = null!, file = null!;

    [OneTimeSetUp]
    public void TrainOnce() => Run(Pristine, 1, Short);

    [OneTimeTearDown]
    public void RemoveAll() => Directory.Delete(Root, recursive: true);

    [SetUp]
    public void CopyPristineCache()
    {
        cacheFolder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(cacheFolder);
        var original = Directory.GetFiles(Pristine, "*.json").Single();
        file = Path.Combine(cacheFolder, Path.GetFileName(original));
        File.Copy(original, file);
        trained = new RunCache(cacheFolder).Find(Path.GetFileNameWithoutExtension(file), out _)!;
    }

    [Test]
    public void An_edited_accuracy_is_a_checksum_mismatch_named_by_file_and_the_true_value_is_retrained()
    {
        var fields = JsonNode.Parse(File.ReadAllText(file))!;
        fields["evaluation_accuracy"] = trained.EvaluationAccuracy + 0.005;
        File.WriteAllText(file, fields.ToJsonString());

        AssertRetrained("checksum mismatch (edited or corrupted)");
    }

    [Test]
    public void A_truncated_file_is_rejected_and_retrained()
    {
        var text = File.ReadAllText(file);
        File.WriteAllText(file, text[..(text.Length / 2)]);

        AssertRetrained("unreadable, truncated or corrupted");
    }

    [Test]
    public void A_record_with_a_valid_checksum_that_holds_NaN_is_rejected_and_retrained()
    {
        WriteWithValidChecksum(trained with { EvaluationLoss = double.NaN });

        AssertRetrained("evaluation_loss is NaN");
    }

    [Test]
    public void An_accuracy_that_the_confusion_matrix_does_not_give_is_rejected_even_with_a_valid_checksum()
    {
        WriteWithValidChecksum(trained with { EvaluationAccuracy = trained.EvaluationAccuracy + 0.005 });

        AssertRetrained(string.Create(CultureInfo.InvariantCulture,
            $"evaluation_accuracy is {trained.EvaluationAccuracy + 0.005:R}, but the confusion matrix gives {trained.EvaluationAccuracy:R}"));
    }

    [Test]
    public void A_training_whose_loss_becomes_NaN_fails_its_experiment_naming_run_and_epoch_and_stores_nothing()
    {
        var diverging = Short with
        {
            Id = "test-diverging",
            Training = Short.Training with { Optimizer = Short.Training.Optimizer with { LearningRate = 1e38 } },
        };
        var emptyCache = Path.Combine(cacheFolder, "diverging");

        var (outcomes, _) = Run(emptyCache, 1, diverging);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes[0], Is.TypeOf<FailedExperiment>());
            Assert.That(((FailedExperiment)outcomes[0]).Message,
                Does.StartWith($"test-diverging seed {Short.Seed}: the training loss became NaN in epoch 1 (the training diverged)"));
            Assert.That(Directory.Exists(emptyCache) ? Directory.GetFiles(emptyCache) : [], Is.Empty);
        });
    }

    /// <summary>The next run rejects the file with <paramref name="problem"/>, trains once, reports the trained numbers and stores them over the file.</summary>
    private void AssertRetrained(string problem)
    {
        var (outcomes, observer) = Run(cacheFolder, 1, Short);

        var stored = new RunCache(cacheFolder).Find(trained.Key, out var rejectionAfter);
        Assert.Multiple(() =>
        {
            Assert.That(observer.Rejections, Has.Count.EqualTo(1));
            Assert.That(observer.Rejections[0], Does.StartWith($"{file}: {problem}"), "names the file and what is wrong");
            Assert.That(observer.Trainings, Is.EqualTo(1));
            Assert.That(FirstSeedMetricValues(outcomes[0])[MetricNames.TestAccuracy], Is.EqualTo(trained.EvaluationAccuracy));
            Assert.That(FirstSeedMetricValues(outcomes[0])[MetricNames.TestLoss], Is.EqualTo(trained.EvaluationLoss));
            Assert.That(rejectionAfter, Is.Null, "the retrained record replaced the bad file");
            Assert.That(stored!.EvaluationAccuracy, Is.EqualTo(trained.EvaluationAccuracy));
        });
    }

    /// <summary>Writes <paramref name="record"/> with the checksum of its own content, as a faulty writer would have sealed it.</summary>
    private void WriteWithValidChecksum(RunRecord record)
    {
        var fields = JsonNode.Parse(JsonSerializer.Serialize(record, RunRecord.Json))!;
        fields[RunRecordChecksum.Field] = RunRecordChecksum.Of(record);
        File.WriteAllText(file, fields.ToJsonString(RunRecord.Json));
    }
}
