namespace Repro.Reproduction.Runs;

/// <summary>
/// The classification scores of a run's predictions: accuracy, confusion matrix and macro-averaged precision, recall and F1 as scikit-learn computes them
/// (average='macro', zero_division=0: a class never predicted has precision 0).
/// </summary>
public sealed record ClassificationScores(double Accuracy, double MacroPrecision, double MacroRecall, double MacroF1, long[][] Confusion)
{
    public static ClassificationScores From(long[] labels, long[] predictions, int classes)
    {
        if (labels.Length != predictions.Length)
            throw new ArgumentException($"{labels.Length} labels but {predictions.Length} predictions");
        var confusion = Enumerable.Range(0, classes).Select(_ => new long[classes]).ToArray();
        for (var i = 0; i < labels.Length; i++) confusion[labels[i]][predictions[i]]++;
        return FromConfusion(confusion);
    }

    /// <summary>
    /// The scores a square confusion matrix (rows: true class, columns: predicted class) gives. The
    /// run cache recomputes a stored record's scores with this, the arithmetic that produced them,
    /// so an edited score differs from the recomputed one exactly, without a tolerance.
    /// </summary>
    public static ClassificationScores FromConfusion(long[][] confusion)
    {
        var classes = confusion.Length;
        double precisionSum = 0, recallSum = 0, f1Sum = 0;
        for (var c = 0; c < classes; c++)
        {
            var truePositives = confusion[c][c];
            var predicted = confusion.Sum(row => row[c]);
            var actual = confusion[c].Sum();
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = actual == 0 ? 0 : (double)truePositives / actual;
            precisionSum += precision;
            recallSum += recall;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        var accuracy = (double)Enumerable.Range(0, classes).Sum(c => confusion[c][c]) / confusion.Sum(row => row.Sum());
        return new ClassificationScores(accuracy, precisionSum / classes, recallSum / classes, f1Sum / classes, confusion);
    }
}
