using Repro.Reproduction.Gate;

namespace Repro.Regression;

[TestFixture]
public sealed class GateCheckTests
{
    private static readonly Baseline LeNet = new(
        "003-lenet5",
        1,
        "0123456789abcdef",
        "full",
        "cpu",
        "test bands",
        new Dictionary<string, MetricBand>
        {
            ["test_accuracy"] = new(0.8845, 0.01),
            ["test_loss"] = new(0.3201, 0.02),
        });

    private static Dictionary<string, double> Received(double accuracy, double loss = 0.3201) =>
        new() { ["test_accuracy"] = accuracy, ["test_loss"] = loss };

    // 0.8945 − 0.8845 is 0.010000000000000009 in binary: the band edge written in the file must still pass.
    [TestCase(0.8845)]
    [TestCase(0.8945)]
    [TestCase(0.8745)]
    [TestCase(0.89449999)]
    public void A_value_inside_or_on_the_band_edge_passes(double accuracy)
    {
        var report = BaselineGate.Check(LeNet, Received(accuracy));

        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.True);
            Assert.That(report.BreachLines, Is.Empty);
        });
    }

    [TestCase(0.89451)]
    [TestCase(0.87449)]
    [TestCase(0.8945000001)]
    public void A_value_just_outside_the_band_breaches(double accuracy)
    {
        var report = BaselineGate.Check(LeNet, Received(accuracy));

        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.Breaches.Select(b => b.Name), Is.EqualTo(new[] { "test_accuracy" }));
        });
    }

    [Test]
    public void A_breach_line_is_readable_in_a_CI_log()
    {
        var report = BaselineGate.Check(LeNet, Received(0.8612));

        Assert.That(
            report.BreachLines,
            Is.EqualTo(new[] { "BREACH 003-lenet5 test_accuracy: baseline 0.8845 ± 0.0100 (0.8745..0.8945), received 0.8612 (0.0133 outside)" }));
    }

    [Test]
    public void A_breach_above_the_band_shows_full_precision_of_the_received_value()
    {
        var report = BaselineGate.Check(LeNet, Received(0.8845, loss: 0.34010001));

        Assert.That(
            report.BreachLines,
            Is.EqualTo(new[] { "BREACH 003-lenet5 test_loss: baseline 0.3201 ± 0.0200 (0.3001..0.3401), received 0.34010001 (0.00000001 outside)" }));
    }

    [Test]
    public void A_metric_missing_from_the_result_is_a_breach()
    {
        var report = BaselineGate.Check(LeNet, new Dictionary<string, double> { ["test_loss"] = 0.3201, ["test_macro_f1"] = 0.5 });

        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.Metrics.Single(m => m.Name == "test_accuracy").Received, Is.Null);
            Assert.That(report.BreachLines, Is.EqualTo(new[]
            {
                "BREACH 003-lenet5 test_accuracy: baseline 0.8845 ± 0.0100 (0.8745..0.8945), received nothing (the metric is missing from the result)",
            }));
        });
    }

    [Test]
    public void A_non_finite_value_is_a_breach()
    {
        var report = BaselineGate.Check(LeNet, Received(0.8845, loss: double.NaN));

        Assert.That(report.BreachLines, Is.EqualTo(new[]
        {
            "BREACH 003-lenet5 test_loss: baseline 0.3201 ± 0.0200 (0.3001..0.3401), received NaN (not a finite number)",
        }));
    }

    [Test]
    public void The_report_lists_every_baseline_metric_in_name_order_and_ignores_extra_received_metrics()
    {
        var received = Received(0.88);
        received["test_macro_f1"] = 0.1;

        var report = BaselineGate.Check(LeNet, received);

        Assert.Multiple(() =>
        {
            Assert.That(report.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "test_accuracy", "test_loss" }));
            Assert.That(report.Metrics[0], Is.EqualTo(new MetricCheck("test_accuracy", 0.8845, 0.01, 0.88, true)));
            Assert.That(report.Passed, Is.True);
        });
    }

    [Test]
    public void A_zero_tolerance_passes_only_the_exact_value()
    {
        var exact = LeNet with { Metrics = new Dictionary<string, MetricBand> { ["test_loss"] = new(0.3201, 0) } };

        Assert.Multiple(() =>
        {
            Assert.That(BaselineGate.Check(exact, Received(0, loss: 0.3201)).Passed, Is.True);
            Assert.That(BaselineGate.Check(exact, Received(0, loss: 0.32011)).Passed, Is.False);
        });
    }

    [Test]
    public void A_baseline_without_metrics_never_passes()
    {
        var empty = LeNet with { Metrics = new Dictionary<string, MetricBand>() };

        var report = BaselineGate.Check(empty, Received(0.8845));

        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.BreachLines.Single(), Does.Contain("gates no metrics"));
        });
    }
}
