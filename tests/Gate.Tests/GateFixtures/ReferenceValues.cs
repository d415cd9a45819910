namespace Repro.Gate.Tests.GateFixtures;

/// <summary>
/// Distribution values computed independently of Repro, with mpmath 1.3.0 at 40 significant digits
/// (t quantiles by root-finding on betainc, the regularised incomplete beta), so that the tests check
/// Repro's numerics against another implementation rather than against themselves.
/// </summary>
internal static class ReferenceValues
{
    /// <summary>t(0.975, 9): the two-sided 95 % quantile for ten reference draws (printed tables: 2.262).</summary>
    public const double T0975Df9 = 2.2621571627982049992;

    /// <summary>t(1 − α/2, 9) with the gate's per-metric α = 0.01 / 24.</summary>
    public const double TBudgetDf9 = 5.4294568202347096404;

    /// <summary>t(1 − α/2, 4) with the gate's per-metric α: the fold interval of a five-fold mean.</summary>
    public const double TBudgetDf4 = 10.801559816093150164642098434068108495080955226622;

    /// <summary>F(0.975; 4, 4): printed tables give 9.6045.</summary>
    public const double F0975Df4x4 = 9.604529884722863746905988450569498835076357216276;

    /// <summary>F(α/2; 4, 4) and F(1 − α/2; 4, 4) with the gate's per-metric α: the fold interval of a five-fold spread.</summary>
    public const double FBudgetLowDf4x4 = 0.008427065660851706588631952858251073948827372586722;

    public const double FBudgetHighDf4x4 = 118.66526739497743629992379393500781122652799728834;
}
