using System.Globalization;
using System.Text.RegularExpressions;
using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>
/// On another engine a full result's gated seed is one more draw from the baseline's distribution:
/// it passes inside the prediction interval and fails outside it, with how far.
/// </summary>
[TestFixture]
public sealed class StatisticalModeTests
{
    /// <summary>The budget interval of the loss sample 0.39 … 0.30, worked out without Repro's statistics: mean ± t·sd·√(1 + 1/10).</summary>
    private static (double Low, double High) LossInterval
    {
        get
        {
            var mean = FullSample.Loss.Average();
            var sd = Math.Sqrt(FullSample.Loss.Sum(v => (v - mean) * (v - mean)) / 9);
            var half = ReferenceValues.TBudgetDf9 * sd * Math.Sqrt(1.1);
            return (mean - half, mean + half);
        }
    }

    private static GateOutcome RunOnEngineB(Dictionary<string, double> gatedSeed)
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson { Engine = Engines.B }, gatedSeed));
        return workspace.Run(GateWorkspace.Full);
    }

    [Test]
    public void The_reference_constant_belongs_to_the_gates_alpha() =>
        Assert.That(FalseAlarmBudget.PerMetricAlpha, Is.EqualTo(0.01 / 24));

    [Test]
    public void Another_value_inside_the_interval_passes_on_another_engine()
    {
        var outcome = RunOnEngineB(new() { [MetricNames.TestAccuracy] = 0.85, [MetricNames.TestLoss] = LossInterval.High - 1e-9 });

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(outcome.Report!.Mode, Is.EqualTo(GateMode.Statistical));
            Assert.That(outcome.Report.Checks.Select(m => m.Mode), Is.All.EqualTo(GateMode.Statistical));
            Assert.That(outcome.Message, Does.StartWith("PASS 003-lenet5: 3 metric(s), statistical (another platform: blas, cpu_capability)"));
        });
    }

    [Test]
    public void An_accuracy_at_the_clamped_upper_end_passes()
    {
        // The budget interval of 0.80 … 0.89 reaches past 1 and is clamped there; a perfect score is inside.
        var outcome = RunOnEngineB(new() { [MetricNames.TestAccuracy] = 1.0 });

        Assert.That(outcome.Passed, Is.True, outcome.Message);
    }

    [Test]
    public void A_value_above_the_interval_fails_and_says_by_how_much()
    {
        var outcome = RunOnEngineB(new() { [MetricNames.TestLoss] = 0.60 });

        var breach = outcome.Report!.BreachLines.Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(breach, Does.StartWith("BREACH 003-lenet5 test_loss (statistical): allowed [").And.Contain("received 0.6 ("));
            Assert.That(Excess(breach, "above"), Is.EqualTo(0.60 - LossInterval.High).Within(1e-12));
        });
    }

    [Test]
    public void A_value_below_the_interval_fails_and_says_by_how_much()
    {
        var outcome = RunOnEngineB(new() { [MetricNames.TestLoss] = 0.10 });

        var breach = outcome.Report!.BreachLines.Single();
        Assert.Multiple(() =>
        {
            Assert.That(breach, Does.StartWith("BREACH 003-lenet5 test_loss (statistical)"));
            Assert.That(Excess(breach, "below"), Is.EqualTo(LossInterval.Low - 0.10).Within(1e-12));
        });
    }

    [Test]
    public void A_failure_on_another_engine_names_the_engine_fields_that_differ()
    {
        var outcome = RunOnEngineB(new() { [MetricNames.TestLoss] = 0.60 });

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Report!.Headline, Is.EqualTo("3 metric(s), statistical (another platform: blas, cpu_capability)"));
            Assert.That(outcome.Report.EngineDifferences, Has.Count.EqualTo(2));
            Assert.That(outcome.Message, Does.Contain("engine differs from the baseline's: blas: \"libopenblas0-pthread 0.3.28"));
            Assert.That(outcome.Message, Does.Contain("engine differs from the baseline's: cpu_capability: \"AVX2\" → \"DEFAULT\""));
        });
    }

    [Test]
    public void The_allowed_range_shows_the_interval_and_its_sample()
    {
        var outcome = RunOnEngineB(new() { [MetricNames.TestLoss] = 0.60 });

        var loss = outcome.Report!.Checks.Single(m => m.Name == MetricNames.TestLoss);
        Assert.That(loss.Expected, Does.StartWith("[0.17259159038").And.Contain(", 0.51740840961")
            .And.Contain("] (mean 0.345, sd 0.030276503540").And.EndWith(", n 10, α 0.0004166666666666667)"));
    }

    /// <summary>The "(x above)" or "(x below)" of a breach line.</summary>
    private static double Excess(string breach, string side)
    {
        var match = Regex.Match(breach, $@"\((?<excess>[0-9.E+-]+) {side}\)$");
        Assert.That(match.Success, Is.True, $"no '(… {side})' in: {breach}");
        return double.Parse(match.Groups["excess"].Value, CultureInfo.InvariantCulture);
    }
}
