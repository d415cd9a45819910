namespace Repro.Experiments;

/// <summary>
/// The metric names results, baselines and reported numbers share. Hold-out runs produce the
/// test_* metrics; cross-validation runs produce the cv_* metrics over folds.
/// </summary>
public static class MetricNames
{
    public const string TestAccuracy = "test_accuracy";
    public const string TestLoss = "test_loss";
    public const string TestMacroF1 = "test_macro_f1";
    public const string TestMacroPrecision = "test_macro_precision";
    public const string TestMacroRecall = "test_macro_recall";

    /// <summary>Training accuracy and loss of the last epoch, as fit()'s log printed them (running means, dropout on).</summary>
    public const string FinalTrainAccuracy = "final_train_accuracy";
    public const string FinalTrainLoss = "final_train_loss";
    public const string FinalValidationAccuracy = "final_val_accuracy";
    public const string FinalValidationLoss = "final_val_loss";

    /// <summary>How many epochs fit() ran (early stopping ends it before the maximum).</summary>
    public const string EpochsRan = "epochs_ran";

    public const string CvMeanAccuracy = "cv_mean_accuracy";

    /// <summary>np.std of the fold accuracies (ddof 0), as the reports computed it.</summary>
    public const string CvStdAccuracy = "cv_std_accuracy";
    public const string CvMeanLoss = "cv_mean_loss";
    public const string CvMeanMacroF1 = "cv_mean_macro_f1";

    /// <summary>The accuracy of fold <paramref name="fold"/> (1-based, as the reports number folds).</summary>
    public static string CvFoldAccuracy(int fold) => $"cv_fold{fold}_accuracy";

    /// <summary>The loss of fold <paramref name="fold"/> (1-based).</summary>
    public static string CvFoldLoss(int fold) => $"cv_fold{fold}_loss";

    /// <summary>Whether a metric is a fraction in [0, 1] (accuracies, precision, recall, F1) rather than a non-negative number (losses, spreads, epochs).</summary>
    public static bool IsFraction(string metric) =>
        metric.EndsWith("accuracy", StringComparison.Ordinal) && metric != CvStdAccuracy
        || metric.EndsWith("_f1", StringComparison.Ordinal)
        || metric.EndsWith("_precision", StringComparison.Ordinal)
        || metric.EndsWith("_recall", StringComparison.Ordinal);
}
