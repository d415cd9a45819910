using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>The Markdown table CI shows: a row per gated metric with its mode and verdict, and a row for an experiment the gate could not check.</summary>
[TestFixture]
public sealed class GateSummaryTests
{
    private static GateOutcome Gate(EngineFingerprint engine, Dictionary<string, double>? gatedSeed = null)
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson { Engine = engine }, gatedSeed));
        return workspace.Run(GateWorkspace.Full);
    }

    [Test]
    public void The_table_has_a_row_per_metric_with_mode_and_verdict()
    {
        var exact = Gate(Engines.A);
        var statistical = Gate(Engines.B, new() { [MetricNames.TestLoss] = 0.60 }) with { ExperimentId = "004-other" };
        var notChecked = new GateOutcome("001-missing", false, "FAIL 001-missing:\n  no result", null, null);

        var lines = GateSummary.Render([statistical, exact, notChecked]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("| experiment | metric | mode | allowed | received | verdict |"));
            Assert.That(lines, Has.Length.EqualTo(2 + 1 + 3 + 3));
            Assert.That(lines[2], Is.EqualTo("| 001-missing | | | | | ❌ FAIL 001-missing:   no result |"));
            Assert.That(lines[3], Is.EqualTo("| 003-lenet5 | test_accuracy | exact | 0.8 exactly (same platform) | 0.8 | ✅ pass |"));
            Assert.That(lines[4], Does.StartWith("| 003-lenet5 | test_loss | exact |").And.EndWith("| ✅ pass |"));
            Assert.That(lines[6], Does.StartWith("| 004-other | test_accuracy | statistical | [").And.EndWith("| 0.8 | ✅ pass |"));
            Assert.That(lines[7], Does.StartWith("| 004-other | test_loss | statistical | [").And.Contain("| 0.6 | ❌ ").And.EndWith(" above |"));
        });
    }
}
