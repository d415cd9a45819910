using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>The received file: what a failing gate leaves for review, and what a pass clears away.</summary>
[TestFixture]
public sealed class ReceivedFileTests
{
    [Test]
    public void A_first_full_run_fails_and_leaves_the_distribution_of_all_its_seeds()
    {
        using var workspace = new GateWorkspace().Result(FullSample.AddTo(new ResultJson()));

        var outcome = workspace.Run(GateWorkspace.Full);

        var received = workspace.Received();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain($"no verified baseline yet at {workspace.Snapshots.VerifiedPath}"));
            Assert.That(outcome.ReceivedPath, Is.EqualTo(workspace.Snapshots.ReceivedPath));
            Assert.That(received.Seeds, Is.EqualTo(FullSample.Seeds));
            Assert.That(received.Engine, Is.EqualTo(Engines.A));
            Assert.That(received.Method, Is.EqualTo(FalseAlarmBudget.Describe));
            Assert.That(received.Metrics.Keys, Is.EquivalentTo(GateWorkspace.Full.MetricNames));
            foreach (var (name, values) in FullSample.Values)
            {
                var metric = (DistributionMetric)received.Metrics[name];
                Assert.That(metric.Values, Is.EqualTo(values), name);
                Assert.That(metric.Alpha, Is.EqualTo(FalseAlarmBudget.PerMetricAlpha), name);
            }
        });
    }

    [Test]
    public void The_received_file_once_accepted_lets_the_same_result_pass()
    {
        using var workspace = new GateWorkspace().Result(FullSample.AddTo(new ResultJson()));
        workspace.Run(GateWorkspace.Full);

        Snapshots.Accept(workspace.BaselinesDir);
        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.That(outcome.Passed, Is.True, outcome.Message);
    }

    [Test]
    public void A_single_seed_full_result_leaves_no_received_file_and_asks_for_ten_seeds()
    {
        using var workspace = new GateWorkspace().Result(new ResultJson().Seed(42, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.8 }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.ReceivedPath, Is.Null);
            Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False);
            Assert.That(outcome.Message, Does.Contain("No received file was written: a full baseline is a distribution over seeds, and the result has one seed: " +
                                                      "run ./build.sh Reproduce --experiment 003-lenet5 --seeds 10."));
        });
    }

    [Test]
    public void A_pass_deletes_a_stale_received_file()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A));
        workspace.Result(FullSample.AddTo(new ResultJson(), new Dictionary<string, double> { [MetricNames.TestLoss] = 0.5 }));
        Assert.That(workspace.Run(GateWorkspace.Full).ReceivedPath, Is.Not.Null, "the breach leaves a received file");

        workspace.Result(FullSample.AddTo(new ResultJson()));
        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False);
        });
    }

    [Test]
    public void A_failure_that_cannot_make_a_received_file_deletes_a_stale_one()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A));
        workspace.Snapshots.WriteReceived(FullSample.Baseline(Engines.B));
        workspace.Result(FullSample.AddTo(new ResultJson { Engine = null }));

        workspace.Run(GateWorkspace.Full);

        Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False, "a received file from an earlier run must not be accepted for this one");
    }

    [Test]
    public void Seeds_lacking_a_metric_leave_it_out_of_the_received_file()
    {
        var result = FullSample.AddTo(new ResultJson()).Seed(10, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.9 });
        using var workspace = new GateWorkspace().Result(result);

        workspace.Run(GateWorkspace.Full);

        Assert.That(workspace.Received().Metrics.Keys, Is.EquivalentTo(new[] { MetricNames.TestAccuracy }));
    }
}
