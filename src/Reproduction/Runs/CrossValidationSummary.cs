using Repro.Experiments;

namespace Repro.Reproduction.Runs;

/// <summary>The scores of one fold's evaluation that a cross-validation summarises.</summary>
public interface IFoldScores
{
    double EvaluationAccuracy { get; }
    double EvaluationLoss { get; }
    double MacroF1 { get; }
}

/// <summary>How a cross-validation metric is made from its seed's folds.</summary>
public enum FoldStatistic
{
    /// <summary>The mean over the folds.</summary>
    Mean,

    /// <summary>np.std over the folds (ddof 0), as the reports computed it.</summary>
    StandardDeviation,

    /// <summary>One fold's own score.</summary>
    OneFold,
}

/// <summary>
/// A cross-validation metric of one seed and the fold score it is made from: <see cref="ExperimentMetrics"/>
/// computes the metrics with it, and a single-seed result reads its folds back with it as the spread that
/// seeds would otherwise give (the gate's single-seed baselines, the reproduction table's single-seed verdicts).
/// </summary>
public sealed record CrossValidationSummary(string Metric, FoldStatistic Statistic, Func<IFoldScores, double> Score)
{
    /// <summary>The metrics that summarise every fold, in the order they are computed.</summary>
    public static IReadOnlyList<CrossValidationSummary> OverFolds { get; } =
    [
        new(MetricNames.CvMeanAccuracy, FoldStatistic.Mean, fold => fold.EvaluationAccuracy),
        new(MetricNames.CvStdAccuracy, FoldStatistic.StandardDeviation, fold => fold.EvaluationAccuracy),
        new(MetricNames.CvMeanLoss, FoldStatistic.Mean, fold => fold.EvaluationLoss),
        new(MetricNames.CvMeanMacroF1, FoldStatistic.Mean, fold => fold.MacroF1),
    ];

    /// <summary>The per-fold metrics of fold <paramref name="fold"/> (1-based).</summary>
    public static IReadOnlyList<CrossValidationSummary> OfFold(int fold) =>
    [
        new(MetricNames.CvFoldAccuracy(fold), FoldStatistic.OneFold, f => f.EvaluationAccuracy),
        new(MetricNames.CvFoldLoss(fold), FoldStatistic.OneFold, f => f.EvaluationLoss),
    ];

    /// <summary>How <paramref name="metric"/> is made from <paramref name="folds"/> folds; null for a metric that is not a cross-validation's.</summary>
    public static CrossValidationSummary? Of(string metric, int folds) =>
        OverFolds.Concat(Enumerable.Range(1, folds).SelectMany(OfFold)).FirstOrDefault(summary => summary.Metric == metric);

    /// <summary>The metric's value over <paramref name="folds"/>; for <see cref="FoldStatistic.OneFold"/>, the single fold given.</summary>
    public double Of(IReadOnlyList<IFoldScores> folds)
    {
        var scores = folds.Select(Score).ToArray();
        var mean = scores.Average();
        return Statistic switch
        {
            FoldStatistic.Mean => mean,
            FoldStatistic.StandardDeviation => Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Length),
            _ => scores.Single(),
        };
    }
}
