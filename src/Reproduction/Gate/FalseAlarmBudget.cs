namespace Repro.Reproduction.Gate;

/// <summary>
/// How often the statistical gate may fail a faithful build: at most 1 % of `./build.sh Test` runs
/// on an engine other than the baselines'. One run compares up to <see cref="ComparisonsPerTestRun"/>
/// metrics against prediction intervals; by the union bound (Bonferroni) the chance that any of
/// them falls outside is at most the sum of the per-metric α, so each metric gets
/// α = 1 % / <see cref="ComparisonsPerTestRun"/>. This holds whatever the dependence between
/// metrics (accuracy and F1 of one run are strongly correlated, which only makes the bound conservative).
/// </summary>
public static class FalseAlarmBudget
{
    public const double FamilyWise = 0.01;

    /// <summary>
    /// An upper bound on the statistical comparisons in one `./build.sh Test`: the gated metrics of
    /// every full baseline of the CPU budget (17 today), plus those gated a second time from the run
    /// under ATEN_CPU_CAPABILITY=default (3), plus report 004's final cross-validation when its result is
    /// present (4; its sweep rows that share the training repeat the same comparisons). A regression test
    /// counts the distinct comparisons actually made and fails when they exceed it.
    /// </summary>
    public const int ComparisonsPerTestRun = 24;

    public static double PerMetricAlpha => FamilyWise / ComparisonsPerTestRun;

    public static string Describe =>
        $"Each interval is mean ± t(1 − α/2, n − 1)·sd·√(1 + 1/n) over the seeds listed, clamped to the metric's range, " +
        $"with α = {FamilyWise:0.##} / {ComparisonsPerTestRun} = {PerMetricAlpha:0.#####} per metric, so that by the union bound " +
        $"a faithful ./build.sh Test on another engine fails with probability at most {FamilyWise:0%}. " +
        "On the platform recorded here (the engine but for Repro's own code) the gate is exact: the first seed's value must be reproduced bit for bit.";

    public static string DescribeFolds =>
        "One seed ran, so each interval comes from its folds, with the same α as a distribution over seeds " +
        $"(α = {FamilyWise:0.##} / {ComparisonsPerTestRun} = {PerMetricAlpha:0.#####} per metric): a mean over k folds gets value ± t(1 − α/2, k − 1)·s·√(2/k), " +
        "s the folds' sample sd, and their spread (np.std) gets [value·√F(α/2), value·√F(1 − α/2)] on (k − 1, k − 1) degrees of freedom. " +
        "The folds also differ by how hard each is, which seeds do not vary, so these intervals err wide. " +
        "On the platform recorded here (the engine but for Repro's own code) the gate is exact: the seed's value must be reproduced bit for bit.";
}
