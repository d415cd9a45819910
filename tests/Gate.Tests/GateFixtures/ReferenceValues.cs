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
}
