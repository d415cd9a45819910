using Repro.Experiments;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The metric values, by metric name, of one seed of an experiment, from its runs: a hold-out run's test scores and fit()
/// log, or the per-fold scores of a cross-validation with their mean and np.std (ddof 0), as the
/// reports computed them.
/// </summary>
public static class SeedMetricValues
{
    public static SortedDictionary<string, double> Of(Experiment experiment, IReadOnlyList<RunRecord> runs) => experiment.Protocol switch
    {
        CrossValidation => CrossValidated(runs),
        _ => HeldOut(runs.Single()),
    };

    private static SortedDictionary<string, double> HeldOut(RunRecord run)
    {
        var last = run.History[^1];
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.TestAccuracy] = run.EvaluationAccuracy,
            [MetricNames.TestLoss] = run.EvaluationLoss,
            [MetricNames.TestMacroPrecision] = run.MacroPrecision,
            [MetricNames.TestMacroRecall] = run.MacroRecall,
            [MetricNames.TestMacroF1] = run.MacroF1,
            [MetricNames.FinalTrainAccuracy] = last.Accuracy,
            [MetricNames.FinalTrainLoss] = last.Loss,
            [MetricNames.EpochsRan] = run.History.Count,
        };
        if (double.IsFinite(last.ValidationLoss))
        {
            metrics[MetricNames.FinalValidationAccuracy] = last.ValidationAccuracy;
            metrics[MetricNames.FinalValidationLoss] = last.ValidationLoss;
        }

        return metrics;
    }

    private static SortedDictionary<string, double> CrossValidated(IReadOnlyList<RunRecord> folds)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var summary in CrossValidationSummary.OverFolds) metrics[summary.Metric] = summary.Of(folds);
        foreach (var fold in folds)
        {
            foreach (var summary in CrossValidationSummary.OfFold(fold.Fold!.Value + 1)) metrics[summary.Metric] = summary.Of([fold]);
        }

        return metrics;
    }

    /// <summary>
    /// Each metric of the first seed over every seed that has a finite value of it: a metric a seed
    /// lost to NaN is summarised over the others, and its count says how many.
    /// </summary>
    public static SortedDictionary<string, Sample> OverSeeds(IReadOnlyList<IReadOnlyDictionary<string, double>> seeds)
    {
        var samples = new SortedDictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var name in seeds[0].Keys)
        {
            var values = seeds.Select(s => s.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
            if (values.Length > 0) samples[name] = new Sample(values);
        }

        return samples;
    }
}
