using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;
using static System.FormattableString;

namespace Repro.Gate.Tests;

/// <summary>On the engine that made the baseline, the gated seed's numbers must come back bit for bit.</summary>
[TestFixture]
public sealed class ExactModeTests
{
    [Test]
    public void Equal_values_on_the_same_engine_pass_exactly()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A)).Result(FullSample.AddTo(new ResultJson()));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(outcome.Message, Does.StartWith("PASS 003-lenet5: 3 metric(s), exact (same platform)"));
            Assert.That(outcome.Report!.Mode, Is.EqualTo(GateMode.Exact));
            Assert.That(outcome.Report.Checks.Select(m => m.Mode), Is.All.EqualTo(GateMode.Exact));
            Assert.That(outcome.Report.EngineDifferences, Is.Empty);
            Assert.That(outcome.ReceivedPath, Is.Null);
        });
    }

    /// <summary>Repro's own code is what the gate tests: a build of other code on the baseline's platform is judged exactly, not statistically.</summary>
    [Test]
    public void Other_code_on_the_baselines_platform_is_still_judged_exactly()
    {
        var otherCode = Engines.A with { Code = "0123456789abcdef" };
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson { Engine = otherCode }, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.8025 }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False, "0.8025 lies inside the interval, but not on the exact value 0.8");
            Assert.That(outcome.Message, Does.Contain("BREACH 003-lenet5 test_accuracy (exact)"));
        });
    }

    [TestCase(MetricNames.TestAccuracy, 0.80)]
    [TestCase(MetricNames.TestLoss, 0.39)]
    [TestCase(MetricNames.TestMacroF1, 0.79)]
    public void A_one_ulp_change_on_the_same_engine_is_a_breach(string metric, double baselineValue)
    {
        var changed = Math.BitIncrement(baselineValue);
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson(), new Dictionary<string, double> { [metric] = changed }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Report!.BreachLines, Has.Count.EqualTo(1));
            Assert.That(outcome.Report.BreachLines[0], Does.StartWith(Invariant($"BREACH 003-lenet5 {metric} (exact): allowed {baselineValue} exactly (same platform)")));
            Assert.That(outcome.Report.BreachLines[0], Does.Contain(Invariant($"received {changed:R}")));
            Assert.That(outcome.Message, Does.Contain($"BREACH 003-lenet5 {metric} (exact)"));
            // The same value is far inside its prediction interval: only the exact mode can see the change.
            Assert.That(((DistributionMetric)FullSample.Baseline(Engines.A).Metrics[metric]).Interval.Contains(changed), Is.True);
        });
    }

    [Test]
    public void A_one_ulp_breach_leaves_a_received_file_with_the_new_value()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson(), new Dictionary<string, double> { [MetricNames.TestLoss] = Math.BitIncrement(0.39) }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ReceivedPath, Is.EqualTo(workspace.Snapshots.ReceivedPath));
            Assert.That(workspace.Received().Metrics[MetricNames.TestLoss].Values[0], Is.EqualTo(Math.BitIncrement(0.39)));
            Assert.That(outcome.Message, Does.Contain("./build.sh Accept"));
        });
    }
}
