using Repro.Experiments;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The metrics of one seed of an experiment, from its runs: a hold-out run's test scores and fit()
/// log, or the per-fold scores of a cross-validation with their mean and np.std (ddof 0), as the
/// reports computed them.
/// </summary>
public static class ExperimentMetrics
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
        var accuracies = folds.Select(f => f.EvaluationAccuracy).ToArray();
        var mean = accuracies.Average();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.CvMeanAccuracy] = mean,
            [MetricNames.CvStdAccuracy] = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / accuracies.Length),
            [MetricNames.CvMeanLoss] = folds.Average(f => f.EvaluationLoss),
            [MetricNames.CvMeanMacroF1] = folds.Average(f => f.MacroF1),
        };
        foreach (var fold in folds)
        {
            metrics[MetricNames.CvFoldAccuracy(fold.Fold!.Value + 1)] = fold.EvaluationAccuracy;
            metrics[MetricNames.CvFoldLoss(fold.Fold!.Value + 1)] = fold.EvaluationLoss;
        }

        return metrics;
    }

    /// <summary>Mean, sample standard deviation (ddof 1) and count of each metric over seeds.</summary>
    public static SortedDictionary<string, SeedSpread> Spread(IReadOnlyList<IReadOnlyDictionary<string, double>> seeds)
    {
        var spread = new SortedDictionary<string, SeedSpread>(StringComparer.Ordinal);
        foreach (var name in seeds[0].Keys)
        {
            var values = seeds.Select(s => s.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
            if (values.Length == 0) continue;
            var mean = values.Average();
            var sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
            spread[name] = new SeedSpread(mean, sd, values.Length, values.Min(), values.Max());
        }

        return spread;
    }
}

/// <summary>A metric over several seeds: mean, sample standard deviation (ddof 1), count and range.</summary>
public sealed record SeedSpread(double Mean, double StandardDeviation, int Count, double Min, double Max);
