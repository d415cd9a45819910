using Repro.Reproduction.Gate;

namespace Repro.Regression;

public class GateSummaryTests
{
    [Test]
    public void Summary_has_a_row_per_metric_and_a_row_for_an_unchecked_experiment()
    {
        var baseline = new Baseline("a", 1, "0123456789abcdef", "full", "cpu", "bands", new Dictionary<string, MetricBand>
        {
            ["test_accuracy"] = new(0.88, 0.01),
            ["test_loss"] = new(0.31, 0.02),
        });
        var report = BaselineGate.Check(baseline, new Dictionary<string, double> { ["test_accuracy"] = 0.885, ["test_loss"] = 0.40 });
        var outcomes = new[]
        {
            new GateOutcome("b", false, "FAIL b: no result", null, null),
            new GateOutcome("a", false, "breach", report, null),
        };

        var lines = GateSummary.Render(outcomes).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(5));
        Assert.That(lines[2], Does.StartWith("| a | test_accuracy | 0.88").And.Contain("| 0.8850 |").And.Contain("within"));
        Assert.That(lines[3], Does.StartWith("| a | test_loss |").And.Contain("| 0.4000 |").And.Contain("outside"));
        Assert.That(lines[4], Does.StartWith("| b |").And.Contain("FAIL b: no result"));
    }
}
