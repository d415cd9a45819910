using Repro.Experiments;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;
using Repro.Torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The checkpoint file on a hand-made checkpoint: it reads back exactly (NaN and infinity included),
/// and a flipped byte, a truncated file, another engine's file or one that holds another run is
/// refused with the path and the reason, never resumed; deleting clears a killed write's leftovers.
/// </summary>
public class CheckpointStoreTests
{
    private string folder = null!;
    private CheckpointStore store = null!;
    private TrainingRun run = null!;

    [SetUp]
    public void SetUp()
    {
        folder = Path.Combine(Path.GetTempPath(), "repro-checkpoint-tests", Guid.NewGuid().ToString("N"));
        store = new CheckpointStore(folder);
        run = Run("engine-a");
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static TrainingRun Run(string engine, ulong seed = 1) =>
        TrainingRun.Create(ExperimentRegistry.All[0], RunProfile.Full, seed, fold: null, dataFingerprint: "real:abc", engineFingerprint: engine);

    private static TrainingCheckpoint Checkpoint() => new(
        Epoch: 2,
        Model: new Dictionary<string, float[]> { ["0.weight"] = [1.5f, -0f, float.Epsilon], ["0.bias"] = [3f] },
        Optimizer: new torch.optim.OptimizerState(6, [6, 5], [[[0.25f, 1f, 2f], null], [[7f, 8f, 9f], [1e-30f]]], [0.123456789012345, 6]),
        Shuffling: [1, 2, 3, 255],
        Dropout: [9, 8],
        EarlyStopping: new EarlyStopping.State(double.PositiveInfinity, 1, 0),
        History: [new EpochRecord(1, 2.5, 0.1, double.NaN, double.NaN, 0.3), new EpochRecord(2, 1.25, 0.2, double.NaN, double.NaN, 0.3)],
        FirstSteps: [2.75, 2.25, 0.1 + 0.2],
        Snapshots: [new KerasFit.Snapshot(1, new Evaluation(0.5, 0.75, [1, 2], [1, 3]), [new EpochRecord(1, 2.5, 0.1, double.NaN, double.NaN, 0.3)], null, [2.75, 2.25])]);

    [Test]
    public void A_saved_checkpoint_reads_back_exactly()
    {
        var saved = Checkpoint();
        store.Save(run, "engine-a", saved);

        var found = store.Find(run, "engine-a", out var rejection);

        Assert.Multiple(() =>
        {
            Assert.That(rejection, Is.Null);
            Assert.That(found!.Epoch, Is.EqualTo(saved.Epoch));
            Assert.That(found.Model, Is.EqualTo(saved.Model));
            Assert.That(found.Optimizer.StepCount, Is.EqualTo(6));
            Assert.That(found.Optimizer.ParameterSteps, Is.EqualTo(saved.Optimizer.ParameterSteps));
            Assert.That(found.Optimizer.Slots, Is.EqualTo(saved.Optimizer.Slots));
            Assert.That(found.Optimizer.Scalars, Is.EqualTo(saved.Optimizer.Scalars));
            Assert.That(found.Shuffling, Is.EqualTo(saved.Shuffling));
            Assert.That(found.Dropout, Is.EqualTo(saved.Dropout));
            Assert.That(found.EarlyStopping, Is.EqualTo(saved.EarlyStopping));
            Assert.That(found.History, Is.EqualTo(saved.History));
            Assert.That(found.FirstSteps, Is.EqualTo(saved.FirstSteps));
            Assert.That(found.Snapshots.Single().Evaluation.Predictions, Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(found.Snapshots.Single().History, Is.EqualTo(saved.Snapshots.Single().History));
            Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { store.PathOf(run) }), "no temporary file is left");
        });
    }

    [Test]
    public void Delete_also_removes_what_a_killed_write_left_behind()
    {
        store.Save(run, "engine-a", Checkpoint());
        var leftover = Path.Combine(folder, $".{Path.GetFileName(store.PathOf(run))}.0123456789abcdef.tmp");
        File.WriteAllBytes(leftover, [1, 2]);
        var otherRun = Run("engine-a", seed: 2);
        store.Save(otherRun, "engine-a", Checkpoint());

        store.Delete(run);

        Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { store.PathOf(otherRun) }), "the other run's checkpoint stays");
    }

    [Test]
    public void A_flipped_byte_is_refused_as_corrupt()
    {
        store.Save(run, "engine-a", Checkpoint());
        var bytes = File.ReadAllBytes(store.PathOf(run));
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(store.PathOf(run), bytes);

        Assert.Multiple(() =>
        {
            Assert.That(store.Find(run, "engine-a", out var rejection), Is.Null);
            Assert.That(rejection, Does.StartWith(store.PathOf(run)).And.Contain("checksum mismatch"));
        });
    }

    [Test]
    public void A_truncated_file_is_refused_as_corrupt()
    {
        store.Save(run, "engine-a", Checkpoint());
        var bytes = File.ReadAllBytes(store.PathOf(run));
        File.WriteAllBytes(store.PathOf(run), bytes[..(bytes.Length - 40)]);

        Assert.Multiple(() =>
        {
            Assert.That(store.Find(run, "engine-a", out var rejection), Is.Null);
            Assert.That(rejection, Does.Contain("corrupted"));
        });
    }

    [Test]
    public void Another_engine_s_checkpoint_is_found_and_refused_with_both_engines_named()
    {
        store.Save(run, "engine-a", Checkpoint());
        var sameRunOtherEngine = Run("engine-b");

        Assert.Multiple(() =>
        {
            Assert.That(store.PathOf(sameRunOtherEngine), Is.EqualTo(store.PathOf(run)), "the file is named without the engine");
            Assert.That(store.Find(sameRunOtherEngine, "engine-b", out var rejection), Is.Null);
            Assert.That(rejection, Does.Contain("written by engine engine-a").And.Contain("engine-b"));
        });
    }

    [Test]
    public void A_file_that_holds_another_run_is_refused()
    {
        var other = Run("engine-a", seed: 2);
        store.Save(other, "engine-a", Checkpoint());
        File.Move(store.PathOf(other), store.PathOf(run));

        Assert.Multiple(() =>
        {
            Assert.That(store.Find(run, "engine-a", out var rejection), Is.Null);
            Assert.That(rejection, Does.Contain($"holds run {other.Key}"));
        });
    }
}
