using Repro.Reproduction.Statistics;

namespace Repro.Gate.Tests;

/// <summary>
/// Student's t, Fisher's F and the incomplete beta function they rest on, against values computed
/// with mpmath 1.3.0 at 40 digits (see GateFixtures/ReferenceValues) and against closed forms.
/// </summary>
[TestFixture]
public sealed class DistributionTests
{
    [TestCase(0.975, 9, 2.2621571627982049992)]
    [TestCase(0.995, 4, 4.6040948713499920459)]
    [TestCase(0.9999, 9, 6.0101321290815309707)]
    [TestCase(0.975, 1, 12.706204736174693314)]
    [TestCase(0.975, 2, 4.3026527297494617894)]
    [TestCase(0.95, 30, 1.6972608865939573837)]
    [TestCase(0.975, 1000, 1.9623390808264081039)]
    public void Student_t_quantiles_match_independent_values(double p, double degreesOfFreedom, double expected) =>
        Assert.That(StudentT.Quantile(p, degreesOfFreedom), Is.EqualTo(expected).Within(1e-11 * expected));

    [Test]
    public void Student_t_quantiles_below_one_half_are_negative_mirrors() =>
        Assert.That(StudentT.Quantile(0.025, 9), Is.EqualTo(-StudentT.Quantile(0.975, 9)));

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void A_quantile_outside_zero_to_one_is_refused(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(p, 9));

    [Test]
    public void A_quantile_needs_positive_degrees_of_freedom() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.975, 0));

    [TestCase(2.0, 5, 0.94903026058507082188)]
    [TestCase(-1.5, 3, 0.11529193262241152614)]
    [TestCase(0.0, 7, 0.5)]
    [TestCase(double.PositiveInfinity, 7, 1.0)]
    [TestCase(double.NegativeInfinity, 7, 0.0)]
    [TestCase(double.NaN, 7, double.NaN)]
    public void Student_t_cdf_matches_independent_values(double t, double degreesOfFreedom, double expected) =>
        Assert.That(StudentT.Cdf(t, degreesOfFreedom), Is.EqualTo(expected).Within(1e-14));

    [Test]
    public void Student_t_cdf_with_one_degree_of_freedom_is_the_cauchy_cdf()
    {
        foreach (var t in new[] { -30.0, -2, -0.3, 0.01, 1, 7 })
        {
            Assert.That(StudentT.Cdf(t, 1), Is.EqualTo(0.5 + (Math.Atan(t) / Math.PI)).Within(1e-14), $"t = {t}");
        }
    }

    [Test]
    public void The_two_sided_p_of_a_quantile_is_its_tail_mass()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StudentT.TwoSidedP(2.2621571627982049992, 9), Is.EqualTo(0.05).Within(1e-14));
            Assert.That(StudentT.TwoSidedP(-2.2621571627982049992, 9), Is.EqualTo(0.05).Within(1e-14));
            Assert.That(StudentT.TwoSidedP(0, 9), Is.EqualTo(1.0));
            Assert.That(StudentT.TwoSidedP(double.NaN, 9), Is.NaN);
        });
    }

    [TestCase(3.0, 5, 10, 0.93444243790615588672)]
    [TestCase(1.0, 9, 9, 0.5)]
    [TestCase(0.5, 2, 7, 0.37334546696120024646)]
    [TestCase(4.026, 9, 9, 0.97500011138572620628)]
    [TestCase(0.0, 4, 6, 0.0)]
    [TestCase(-1.0, 4, 6, 0.0)]
    [TestCase(double.PositiveInfinity, 4, 6, 1.0)]
    [TestCase(double.NaN, 4, 6, double.NaN)]
    public void Fisher_f_cdf_matches_independent_values(double f, double numeratorDf, double denominatorDf, double expected) =>
        Assert.That(FisherF.Cdf(f, numeratorDf, denominatorDf), Is.EqualTo(expected).Within(1e-14));

    [Test]
    public void Fisher_f_two_sided_p_doubles_the_smaller_tail()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FisherF.TwoSidedP(1, 9, 9), Is.EqualTo(1.0).Within(1e-14));
            Assert.That(FisherF.TwoSidedP(4.026, 9, 9), Is.EqualTo(2 * (1 - 0.97500011138572620628)).Within(1e-13));
            Assert.That(FisherF.TwoSidedP(1 / 4.026, 9, 9), Is.EqualTo(2 * (1 - 0.97500011138572620628)).Within(1e-13));
            // A reference sd of zero makes the variance ratio infinite: as far from equal variances as can be.
            Assert.That(FisherF.TwoSidedP(double.PositiveInfinity, 9, 9), Is.EqualTo(0.0));
        });
    }
}
