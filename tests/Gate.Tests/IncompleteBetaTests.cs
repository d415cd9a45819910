using Repro.Reproduction.Statistics;

namespace Repro.Gate.Tests;

/// <summary>I_x(a, b) at its ends, on both branches of its continued fraction, against closed forms and mpmath.</summary>
[TestFixture]
public sealed class IncompleteBetaTests
{
    [TestCase(0.0)]
    [TestCase(-0.5)]
    [TestCase(double.NegativeInfinity)]
    public void At_or_below_zero_it_is_zero(double x) =>
        Assert.That(IncompleteBeta.Regularized(x, 2.5, 0.5), Is.EqualTo(0.0));

    [TestCase(1.0)]
    [TestCase(1.5)]
    [TestCase(double.PositiveInfinity)]
    public void At_or_above_one_it_is_one(double x) =>
        Assert.That(IncompleteBeta.Regularized(x, 2.5, 0.5), Is.EqualTo(1.0));

    [Test]
    public void At_nan_it_is_nan_rather_than_a_convergence_failure() =>
        Assert.That(IncompleteBeta.Regularized(double.NaN, 2, 3), Is.NaN);

    [TestCase(0.4, 2, 3, 0.5248)]
    [TestCase(0.5, 0.5, 0.5, 0.5)]
    [TestCase(0.45, 50, 60, 0.46423529143060362867)]
    [TestCase(0.6, 50, 60, 0.99894322877191006598)]
    public void It_matches_independent_values(double x, double a, double b, double expected) =>
        Assert.That(IncompleteBeta.Regularized(x, a, b), Is.EqualTo(expected).Within(1e-13));

    [Test]
    public void It_matches_the_closed_forms_for_a_or_b_equal_to_one()
    {
        foreach (var x in new[] { 1e-6, 0.05, 0.3, 0.5, 0.77, 0.999 })
        {
            Assert.Multiple(() =>
            {
                Assert.That(IncompleteBeta.Regularized(x, 1, 1), Is.EqualTo(x).Within(1e-14), $"I_{x}(1, 1)");
                Assert.That(IncompleteBeta.Regularized(x, 3.5, 1), Is.EqualTo(Math.Pow(x, 3.5)).Within(1e-14), $"I_{x}(3.5, 1)");
                Assert.That(IncompleteBeta.Regularized(x, 1, 2.5), Is.EqualTo(1 - Math.Pow(1 - x, 2.5)).Within(1e-14), $"I_{x}(1, 2.5)");
            });
        }
    }

    [Test]
    public void It_is_symmetric_across_both_branches()
    {
        foreach (var x in new[] { 0.1, 0.35, 0.6, 0.9 })
        {
            Assert.That(IncompleteBeta.Regularized(x, 4.5, 0.5), Is.EqualTo(1 - IncompleteBeta.Regularized(1 - x, 0.5, 4.5)).Within(1e-14), $"x = {x}");
        }
    }

    [TestCase(0.5, 0.57236494292470008707)]
    [TestCase(0.1, 2.252712651734205902)]
    [TestCase(10, 12.801827480081469611)]
    public void Log_gamma_matches_independent_values(double x, double expected) =>
        Assert.That(IncompleteBeta.LogGamma(x), Is.EqualTo(expected).Within(1e-14 * Math.Max(1, expected)));
}
