using System.Globalization;
using System.Text.RegularExpressions;
using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>
/// A smoke baseline is one seed's loss trace: exact on its own engine, and on another engine each
/// loss within the float32 rounding tolerance of the updates before it.
/// </summary>
[TestFixture]
public sealed class SmokeModeTests
{
    private static GateOutcome Run(EngineFingerprint engine, double[] stepLosses, double evaluationLoss = SmokeSample.EvaluationLoss)
    {
        using var workspace = new GateWorkspace().Verified(SmokeSample.Baseline(Engines.A))
            .Result(SmokeSample.Result(engine, stepLosses, evaluationLoss));
        return workspace.Run(GateWorkspace.Smoke);
    }

    /// <summary>The baseline's losses, each moved by <paramref name="fraction"/> of its own tolerance.</summary>
    private static double[] Moved(double fraction) =>
        SmokeSample.StepLosses.Select((loss, step) => loss * (1 + (fraction * SmokeSample.StepTolerance(step)))).ToArray();

    [Test]
    public void The_tolerance_is_the_float32_summation_bound_times_the_updates_before_the_loss()
    {
        // γ_K = K·u/(1 − K·u) with u = 2⁻²⁴; step s may differ by (s + 1)·8·2γ_K.
        var gamma = 400 * Math.Pow(2, -24) / (1 - (400 * Math.Pow(2, -24)));

        Assert.Multiple(() =>
        {
            Assert.That(SmokeTolerance.Relative(400, 0), Is.EqualTo(8 * 2 * gamma).Within(1e-18));
            Assert.That(SmokeTolerance.Relative(400, 3), Is.EqualTo(4 * 8 * 2 * gamma).Within(1e-18));
            Assert.That(SmokeTolerance.Relative(400, 0), Is.EqualTo(0.00038148).Within(1e-8));
        });
    }

    [Test]
    public void The_same_losses_on_the_same_engine_pass_exactly()
    {
        var outcome = Run(Engines.A, SmokeSample.StepLosses);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(outcome.Message, Does.StartWith("PASS 003-lenet5: 2 metric(s), exact (same platform)"));
        });
    }

    [Test]
    public void A_one_ulp_change_of_a_step_loss_fails_on_the_same_engine()
    {
        var losses = SmokeSample.StepLosses.ToArray();
        losses[2] = Math.BitIncrement(losses[2]);

        var outcome = Run(Engines.A, losses);

        Assert.That(outcome.Report!.BreachLines.Single(), Does.StartWith("BREACH 003-lenet5 step_losses (exact)").And.Contain("first difference at 2"));
    }

    [Test]
    public void Losses_within_their_tolerances_pass_on_another_engine()
    {
        var evaluation = SmokeSample.EvaluationLoss * (1 - (0.9 * SmokeSample.EvaluationTolerance));

        var outcome = Run(Engines.B, Moved(0.9), evaluation);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(outcome.Message, Does.StartWith("PASS 003-lenet5: 2 metric(s), rounding (another platform: blas, cpu_capability)"));
            Assert.That(outcome.Report!.Checks.Select(m => m.Mode), Is.All.EqualTo(GateMode.Rounding));
        });
    }

    [Test]
    public void A_step_loss_moved_beyond_its_tolerance_fails_naming_the_value()
    {
        var losses = Moved(0.5);
        losses[2] = SmokeSample.StepLosses[2] * (1 + (1.5 * SmokeSample.StepTolerance(2)));

        var outcome = Run(Engines.B, losses);

        var breach = outcome.Report!.BreachLines.Single();
        var ratio = Regex.Match(breach, @"value 3 differs by relative [0-9.E-]+, (?<ratio>[0-9.]+) × its tolerance\)$");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(breach, Does.StartWith("BREACH 003-lenet5 step_losses (rounding)"));
            Assert.That(ratio.Success, Is.True, breach);
            Assert.That(double.Parse(ratio.Groups["ratio"].Value, CultureInfo.InvariantCulture), Is.EqualTo(1.5).Within(1e-6));
        });
    }

    [Test]
    public void An_evaluation_loss_beyond_its_tolerance_fails()
    {
        var outcome = Run(Engines.B, SmokeSample.StepLosses, SmokeSample.EvaluationLoss * (1 + (2 * SmokeSample.EvaluationTolerance)));

        Assert.That(outcome.Report!.BreachLines.Single(), Does.StartWith("BREACH 003-lenet5 test_loss (rounding)").And.Contain("value 1 differs"));
    }

    [Test]
    public void A_trace_of_another_length_fails()
    {
        var outcome = Run(Engines.B, SmokeSample.StepLosses[..3]);

        Assert.That(outcome.Report!.BreachLines.Single(), Does.StartWith("BREACH 003-lenet5 step_losses (rounding)").And.EndWith("(3 values for 4)"));
    }

    [Test]
    public void The_received_smoke_baseline_holds_the_first_seeds_trace_and_its_tolerances()
    {
        using var workspace = new GateWorkspace().Result(SmokeSample.Result(Engines.A)
            .Seed(7, new Dictionary<string, double> { [MetricNames.TestLoss] = 9.0 })
            .Run(7, null, [9.0, 9.0], SmokeSample.LargestFanIn));

        workspace.Run(GateWorkspace.Smoke);

        var received = workspace.Received();
        Assert.Multiple(() =>
        {
            Assert.That(received.Seeds, Is.EqualTo(new ulong[] { 42, 7 }));
            Assert.That(received.Method, Is.EqualTo(SmokeTolerance.Describe));
            Assert.That(received.Metrics[GatedMetricNames.StepLosses].Values, Is.EqualTo(SmokeSample.StepLosses));
            Assert.That(((TraceMetric)received.Metrics[GatedMetricNames.StepLosses]).RelativeTolerances,
                Is.EqualTo(Enumerable.Range(0, 4).Select(SmokeSample.StepTolerance)));
            Assert.That(received.Metrics[MetricNames.TestLoss].Values, Is.EqualTo(new[] { SmokeSample.EvaluationLoss }));
            Assert.That(((TraceMetric)received.Metrics[MetricNames.TestLoss]).RelativeTolerances, Is.EqualTo(new[] { SmokeSample.EvaluationTolerance }));
        });
    }

    [Test]
    public void A_cross_validations_trace_runs_fold_after_fold_and_its_evaluation_is_as_loose_as_its_longest_fold()
    {
        var subject = GateWorkspace.Smoke with { MetricNames = [GatedMetricNames.StepLosses, MetricNames.CvMeanLoss] };
        using var workspace = new GateWorkspace().Result(new ResultJson { Profile = "smoke" }
            .Seed(42, new Dictionary<string, double> { [MetricNames.CvMeanLoss] = 2.0 })
            .Run(42, 2, [2.2, 2.1, 2.0], 100)
            .Run(42, 1, [2.3], 100));

        workspace.Run(subject);

        var received = workspace.Received();
        Assert.Multiple(() =>
        {
            Assert.That(received.Metrics[GatedMetricNames.StepLosses].Values, Is.EqualTo(new[] { 2.3, 2.2, 2.1, 2.0 }));
            Assert.That(((TraceMetric)received.Metrics[GatedMetricNames.StepLosses]).RelativeTolerances,
                Is.EqualTo(new[] { SmokeTolerance.Relative(100, 0), SmokeTolerance.Relative(100, 0), SmokeTolerance.Relative(100, 1), SmokeTolerance.Relative(100, 2) }));
            Assert.That(((TraceMetric)received.Metrics[MetricNames.CvMeanLoss]).RelativeTolerances, Is.EqualTo(new[] { SmokeTolerance.Relative(100, 3) }));
        });
    }
}
