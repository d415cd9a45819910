using System.Text.Json;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The run cache's file handling on a hand-made record: a stored record reads back exactly (a
/// 64-bit seed included), a file for another key or without a checksum is rejected, absent
/// validation (NaN) is accepted only when the run had none, and a write that fails leaves no file.
/// </summary>
public class RunCacheTests
{
    private const string Key = "00112233aabbccdd";
    private string folder = null!;
    private RunCache cache = null!;

    [SetUp]
    public void SetUp()
    {
        folder = Path.Combine(Path.GetTempPath(), "repro-run-cache-tests", Guid.NewGuid().ToString("N"));
        cache = new RunCache(folder);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>One epoch without validation, scored on 8 examples of 2 classes.</summary>
    private static RunRecord Record()
    {
        long[][] confusion = [[3, 1], [0, 4]];
        var scores = ClassificationScores.FromConfusion(confusion);
        return new RunRecord
        {
            Key = Key,
            FirstRequestedBy = "test",
            Seed = 42,
            RunSeed = ulong.MaxValue - 1,
            Epochs = 1,
            TrainedBy = Key,
            EvaluationLoss = 0.5,
            EvaluationAccuracy = scores.Accuracy,
            MacroPrecision = scores.MacroPrecision,
            MacroRecall = scores.MacroRecall,
            MacroF1 = scores.MacroF1,
            ConfusionMatrix = confusion,
            History = [new EpochRecord(1, 0.7, 0.6, double.NaN, double.NaN, 1.5)],
            TrainExamples = 20,
            ValidationExamples = 0,
            EvaluationExamples = 8,
            Parameters = 100,
            LargestFanIn = 10,
            StepLosses = [2.3, 2.25],
            Seconds = 2,
        };
    }

    private string FileOf(string key) => Path.Combine(folder, key + ".json");

    [Test]
    public void A_stored_record_reads_back_equal_with_its_64_bit_seed_exact()
    {
        cache.Store(Record());

        var found = cache.Find(Key, out var rejection);

        Assert.Multiple(() =>
        {
            Assert.That(rejection, Is.Null);
            Assert.That(found!.RunSeed, Is.EqualTo(ulong.MaxValue - 1));
            Assert.That(JsonSerializer.Serialize(found, RunRecord.Json), Is.EqualTo(JsonSerializer.Serialize(Record(), RunRecord.Json)));
        });
    }

    [Test]
    public void A_file_holding_another_runs_record_is_rejected()
    {
        cache.Store(Record());
        File.Copy(FileOf(Key), FileOf("ffffffffffffffff"));

        Assert.That(cache.Find("ffffffffffffffff", out var rejection), Is.Null);
        Assert.That(rejection, Is.EqualTo($"{FileOf("ffffffffffffffff")}: holds run {Key}, not ffffffffffffffff"));
    }

    [Test]
    public void A_file_without_a_checksum_is_rejected()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(FileOf(Key), JsonSerializer.Serialize(Record(), RunRecord.Json));

        Assert.That(cache.Find(Key, out var rejection), Is.Null);
        Assert.That(rejection, Is.EqualTo($"{FileOf(Key)}: no checksum (written before Repro verified its run cache)"));
    }

    [Test]
    public void NaN_validation_numbers_mean_absent_only_when_the_run_had_no_validation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunRecordCheck.Problems(Record()), Is.Empty);
            Assert.That(RunRecordCheck.Problems(Record() with { ValidationExamples = 10 }),
                Is.EqualTo(new[] { "history epoch 1 val_loss is NaN", "history epoch 1 val_accuracy is NaN" }));
        });
    }

    [Test]
    public void A_record_with_NaN_is_refused_before_anything_is_written()
    {
        Assert.That(() => cache.Store(Record() with { MacroF1 = double.NaN }),
            Throws.InvalidOperationException.With.Message.Contains("macro_f1 is NaN"));
        Assert.That(Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder) : [], Is.Empty);
    }

    [Test]
    public void A_failed_rename_leaves_no_temporary_file()
    {
        // A folder where the record's file should go makes the rename over it fail, even for root.
        Directory.CreateDirectory(FileOf(Key));

        Assert.That(() => cache.Store(Record()), Throws.InstanceOf<IOException>());
        Assert.That(Directory.GetFileSystemEntries(folder), Is.EqualTo(new[] { FileOf(Key) }));
    }
}
