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

    [Test]
    public void The_page_reads_back_each_rows_verdict_and_whether_the_gate_ran()
    {
        var passed = Gate(Engines.A);
        var failed = new GateOutcome("001-missing", false, "FAIL 001-missing: no result", null, null);
        // Worded unlike the gate's own NOT RUN message: the page goes by the table's mark, not by the wording.
        var notRun = new GateOutcome("004-final-cv", false, "no full result; outside the CPU test budget", null, null) { NotRun = true };
        var table = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.md");
        try
        {
            File.WriteAllText(table, GateSummary.Render([passed, failed, notRun]));
            var rows = Repro.Reproduction.Reporting.GateRows.Read(table);

            Assert.Multiple(() =>
            {
                Assert.That(rows.Of("003-lenet5").Select(r => (r.Metric, r.Passed, r.NotRun)),
                    Is.EqualTo(passed.Report!.Checks.Select(check => (check.Name, true, false))));
                Assert.That(rows.Of("001-missing").Select(r => (r.Metric, r.Passed, r.NotRun, r.Verdict)), Is.EqualTo(new[] { ("", false, false, "FAIL 001-missing: no result") }));
                Assert.That(rows.Of("004-final-cv").Select(r => (r.Passed, r.NotRun, r.Verdict)),
                    Is.EqualTo(new[] { (false, true, "no full result; outside the CPU test budget") }));
            });
        }
        finally
        {
            File.Delete(table);
        }
    }
}
