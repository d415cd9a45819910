using Repro.Reproduction.Evidence;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro parity`: on the CPU against itself (the rehearsal of the GPU check) every difference is zero, in lockstep, free
/// and repeated; the comparison finds, places and judges differences between made-up numbers.
/// </summary>
public class ParityTests
{
    private readonly ScratchFolder scratch = new("repro-parity-tests-");

    [OneTimeTearDown]
    public void RemoveScratch() => scratch.Dispose();

    [Test]
    public void The_cpu_against_itself_passes_with_no_difference_at_all()
    {
        var (code, output) = scratch.Repro("rehearsal").Run(["parity", "--device", "cpu"]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(lines.Select(l => l.Split(' ')[1]), Is.EqualTo(new[] { "003-lenet5", "004-cnn" }), output);
            foreach (var line in lines)
            {
                Assert.That(line, Does.StartWith("PASS ").And.Contain("cpu ↔ cpu: 20 steps each from the same state"));
                Assert.That(line, Does.Contain("losses max abs 0, max rel 0 (allowed rel 0.0001)"));
                Assert.That(line, Does.Contain("parameters max abs 0, at most 0 of a step's largest update (allowed 0.5)"));
                Assert.That(line, Does.Contain("losses max rel 0, parameters max abs 0"), "no drift either");
            }
        });
    }

    [Test]
    public void A_follower_takes_the_leaders_whole_state_so_lockstep_compares_one_steps_rounding()
    {
        // The CPU against itself cannot show a lockstep that takes nothing over: here the leader has trained three steps
        // and the follower none. LeNet-5 has no dropout, so the two dropout streams, at different places, do not matter.
        var @case = Benchmarks.BenchmarkCase.Named(["003-lenet5"]).Single();
        using var shuffling = new Torch.Generator(5);
        using var data = Benchmarks.RandomBatches.Draw(@case.Input, shuffling);
        Dictionary<string, float[]> initial;
        using (var initialisation = new Torch.Generator(6))
        using (var model = Keras.KerasModel.Build(@case.Layers, @case.Input, initialisation))
            initial = model.Network.state_dict();
        using var leader = new TrainingParity.Trainer(@case, initial, data, 7, Torch.torch.CPU);
        using var follower = new TrainingParity.Trainer(@case, initial, data, 7, Torch.torch.CPU);
        using var unfollowed = new TrainingParity.Trainer(@case, initial, data, 7, Torch.torch.CPU);
        for (var i = 0; i < 3; i++) leader.Step(Benchmarks.RandomBatches.Choose(@case.Training.BatchSize, shuffling));
        var rows = Benchmarks.RandomBatches.Choose(@case.Training.BatchSize, shuffling);

        follower.Follow(leader.State, leader);
        var state = follower.State;
        var (leaderLoss, followerLoss, unfollowedLoss) = (leader.Step(rows), follower.Step(rows), unfollowed.Step(rows));

        Assert.Multiple(() =>
        {
            Assert.That(state.Keys, Is.EquivalentTo(leader.State.Keys));
            Assert.That(followerLoss, Is.EqualTo(leaderLoss), "the same state (optimizer's included) takes the same step, bit for bit");
            Assert.That(follower.State, Is.EqualTo(leader.State), "and ends in the same state: Adam's moments and step count came over");
            Assert.That(unfollowedLoss, Is.Not.EqualTo(leaderLoss), "without Follow the sides differ: the check can fail");
        });
    }

    [Test]
    public void Two_runs_on_the_cpu_are_bit_identical()
    {
        var (code, output) = scratch.Repro("repeat").Run(["parity", "--device", "cpu", "--repeat", "--case", "004-cnn", "--steps", "5"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output.Trim(), Is.EqualTo("PASS 004-cnn cpu ↔ cpu: 5 free steps twice: losses max abs 0, parameters max abs 0 (allowed: none, bit for bit)"));
        });
    }

    [Test]
    public void Differences_are_measured_element_by_element_and_placed()
    {
        var difference = Difference.Between([2.0, 4.0, -1.0], [2.0, 4.002, -1.0005], i => $"step {i + 1}");
        Assert.Multiple(() =>
        {
            Assert.That(difference.MaxAbsolute, Is.EqualTo(0.002).Within(1e-12));
            Assert.That(difference.MaxRelative, Is.EqualTo(0.0005).Within(1e-12));
            Assert.That(difference.Where, Is.EqualTo("step 2").Or.EqualTo("step 3"), "both differ by 5e-4 relative");
            Assert.That(Difference.Between([1.0, 0.0], [1.0, 1e-9], i => $"step {i + 1}").MaxRelative, Is.EqualTo(double.PositiveInfinity), "against an exact zero");
            Assert.That(Difference.Between([1.0], [double.NaN], _ => "step 1").MaxAbsolute, Is.EqualTo(double.PositiveInfinity), "a NaN on one side");
            Assert.That(Difference.Between([double.NaN], [double.NaN], _ => "step 1").IsNone, Is.True, "the same bits");
        });
    }

    [Test]
    public void A_steps_difference_is_measured_against_the_change_the_step_made()
    {
        var before = new Dictionary<string, float[]> { ["w"] = [1f, 2f], ["b"] = [0f, 0f] };
        var reference = new Dictionary<string, float[]> { ["w"] = [0.999f, 2.001f], ["b"] = [0.01f, -0.01f] };
        var other = new Dictionary<string, float[]> { ["w"] = [0.999f, 2.001f], ["b"] = [0.01f, -0.004f] };

        var difference = UpdateDifference.Of(before, reference, other, step: 7);
        Assert.Multiple(() =>
        {
            Assert.That(difference.MaxAbsolute, Is.EqualTo(0.006).Within(1e-8));
            Assert.That(difference.WorstFraction, Is.EqualTo(0.6).Within(1e-5), "0.006 of the step's largest change to b, 0.01");
            Assert.That(difference.Where, Is.EqualTo("b, step 7"));
            Assert.That(UpdateDifference.Of(before, reference, reference, 1), Is.EqualTo(UpdateDifference.None));
            Assert.That(UpdateDifference.Of(before, before, reference, 1).WorstFraction, Is.EqualTo(double.PositiveInfinity), "moved where the reference did not");
        });
    }

    [Test]
    public void Differences_beyond_float32_rounding_fail_and_rounding_passes()
    {
        TrainingParity.Outcome Outcome(double loss, double fraction) => new(20, (new Difference(loss * 2.3, loss, "step 4"), new UpdateDifference(fraction * 1e-3, fraction, "9.weight, step 3")),
            Difference.None, Difference.None);
        var rounding = ParityTolerance.Judge(Outcome(1.3e-7, 0.036));
        var loss = ParityTolerance.Judge(Outcome(1e-3, 0.036));
        var update = ParityTolerance.Judge(Outcome(1.3e-7, 1.0));

        Assert.Multiple(() =>
        {
            Assert.That(rounding.Passed, Is.True, rounding.Text);
            Assert.That(loss.Passed, Is.False, loss.Text);
            Assert.That(loss.Text, Does.Contain("max rel 0.001 at step 4 (allowed rel 0.0001)"));
            Assert.That(update.Passed, Is.False, update.Text);
            Assert.That(update.Text, Does.Contain("at most 1 of a step's largest update at 9.weight, step 3 (allowed 0.5)"));
            Assert.That(ParityTolerance.JudgeIdentical(new TrainingParity.Outcome(5, null, Difference.None, new Difference(1e-9, 1e-8, "4.weight"))).Passed, Is.False,
                "one bit off is not the same run");
        });
    }
}
