using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Statistics;

namespace Repro.Gate.Tests;

/// <summary>mean ± t(1 − α/2, n − 1)·sd·√(1 + 1/n), checked against numbers worked out without Repro, and clamped to the metric's range.</summary>
[TestFixture]
public sealed class PredictionIntervalTests
{
    private static readonly Sample Accuracies = new(FullSample.Accuracy);

    [Test]
    public void The_sample_has_the_mean_and_the_ddof_1_standard_deviation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Accuracies.Count, Is.EqualTo(10));
            Assert.That(Accuracies.Mean, Is.EqualTo(0.845).Within(1e-15));
            Assert.That(Accuracies.StandardDeviation, Is.EqualTo(0.030276503540974916654).Within(1e-15));
        });
    }

    [Test]
    public void A_95_percent_interval_from_ten_draws_matches_the_formula_with_an_independent_t()
    {
        var interval = PredictionInterval.Of(Accuracies, 0.05, MetricRange.Of(MetricNames.TestAccuracy));

        var half = ReferenceValues.T0975Df9 * 0.030276503540974916654 * Math.Sqrt(1 + (1.0 / 10));
        Assert.Multiple(() =>
        {
            Assert.That(half, Is.EqualTo(0.071833137578993105174).Within(1e-15));
            Assert.That(interval.Low, Is.EqualTo(0.845 - half).Within(1e-12));
            Assert.That(interval.High, Is.EqualTo(0.845 + half).Within(1e-12));
        });
    }

    [Test]
    public void An_accuracy_interval_is_clamped_to_at_most_one()
    {
        // With the gate's α = 0.01/24 the half width is 5.429…·0.0303·√1.1 = 0.1724, so 0.845 + 0.1724 > 1.
        var interval = PredictionInterval.Of(Accuracies, 0.01 / 24, MetricRange.Of(MetricNames.TestAccuracy));

        Assert.Multiple(() =>
        {
            Assert.That(interval.Low, Is.EqualTo(0.845 - (ReferenceValues.TBudgetDf9 * 0.030276503540974916654 * Math.Sqrt(1.1))).Within(1e-12));
            Assert.That(interval.High, Is.EqualTo(1.0));
        });
    }

    [Test]
    public void A_loss_interval_is_clamped_to_at_least_zero()
    {
        // Losses 0.01 … 0.10: mean 0.055, and the 95 % interval reaches to −0.0168 before clamping.
        var losses = new Sample(Enumerable.Range(1, 10).Select(i => i / 100.0).ToList());

        var interval = PredictionInterval.Of(losses, 0.05, MetricRange.Of(MetricNames.TestLoss));

        Assert.Multiple(() =>
        {
            Assert.That(interval.Low, Is.EqualTo(0.0));
            Assert.That(interval.High, Is.EqualTo(0.12683313757899310517).Within(1e-12));
        });
    }

    [TestCase(MetricNames.TestAccuracy, 0.0, 1.0)]
    [TestCase(MetricNames.TestMacroF1, 0.0, 1.0)]
    [TestCase(MetricNames.CvMeanAccuracy, 0.0, 1.0)]
    [TestCase(MetricNames.CvStdAccuracy, 0.0, double.PositiveInfinity)]
    [TestCase(MetricNames.TestLoss, 0.0, double.PositiveInfinity)]
    public void Each_metric_has_its_range(string metric, double low, double high) =>
        Assert.That(MetricRange.Of(metric), Is.EqualTo(new MetricRange(low, high)));

    [Test]
    public void Identical_draws_give_an_interval_of_one_point()
    {
        var interval = PredictionInterval.Of(new Sample([0.5, 0.5, 0.5]), 0.05, MetricRange.Of(MetricNames.TestLoss));

        Assert.That((interval.Low, interval.High), Is.EqualTo((0.5, 0.5)));
    }

    [Test]
    public void Contains_includes_both_ends_and_excess_measures_the_distance_outside()
    {
        var interval = new PredictionInterval(0.2, 0.4);

        Assert.Multiple(() =>
        {
            Assert.That(interval.Contains(0.2) && interval.Contains(0.4), Is.True);
            Assert.That(interval.Contains(Math.BitDecrement(0.2)) || interval.Contains(Math.BitIncrement(0.4)), Is.False);
            Assert.That(interval.Excess(0.3), Is.EqualTo(0.0));
            Assert.That(interval.Excess(0.1), Is.EqualTo(0.1).Within(1e-15));
            Assert.That(interval.Excess(0.5), Is.EqualTo(0.1).Within(1e-15));
        });
    }

    [Test]
    public void One_draw_or_an_alpha_outside_zero_to_one_is_refused()
    {
        var range = MetricRange.Of(MetricNames.TestLoss);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => PredictionInterval.Of(new Sample([0.3]), 0.05, range));
            Assert.Throws<ArgumentOutOfRangeException>(() => PredictionInterval.Of(Accuracies, 0, range));
            Assert.Throws<ArgumentOutOfRangeException>(() => PredictionInterval.Of(Accuracies, 1, range));
            Assert.Throws<ArgumentOutOfRangeException>(() => PredictionInterval.Of(Accuracies, double.NaN, range));
        });
    }
}
