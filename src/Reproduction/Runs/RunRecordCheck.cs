using System.Globalization;

namespace Repro.Reproduction.Runs;

/// <summary>
/// What makes a run record unusable even when its checksum holds (it was stored by a faulty
/// training, or edited and resealed): a number that is not finite, or scores that contradict the
/// confusion matrix they were computed from. The run cache refuses to store such a record and
/// rejects it when reading, so a bad number is never reused.
/// </summary>
public static class RunRecordCheck
{
    /// <summary>What is wrong with <paramref name="record"/>, in the JSON names of its fields; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(RunRecord record)
    {
        var problems = new List<string>();
        void Finite(string name, double value)
        {
            if (!double.IsFinite(value)) problems.Add($"{name} is {Text(value)}");
        }

        Finite("evaluation_loss", record.EvaluationLoss);
        Finite("evaluation_accuracy", record.EvaluationAccuracy);
        Finite("macro_precision", record.MacroPrecision);
        Finite("macro_recall", record.MacroRecall);
        Finite("macro_f1", record.MacroF1);
        Finite("seconds", record.Seconds);
        problems.AddRange(HistoryProblems(record));
        problems.AddRange(ConfusionProblems(record));
        return problems;
    }

    private static IEnumerable<string> HistoryProblems(RunRecord record)
    {
        if (record.History is null || record.History.Any(e => e is null) || record.History.Count != record.Epochs)
        {
            yield return $"history does not hold one entry per epoch for {record.Epochs} epochs";
            yield break;
        }

        foreach (var epoch in record.History)
        {
            var values = new List<(string Name, double Value)> { ("loss", epoch.Loss), ("accuracy", epoch.Accuracy), ("seconds", epoch.Seconds) };
            // A run without validation logs NaN validation numbers, as fit() shows no val_loss then;
            // the record says whether there was validation, so NaN is accepted there and nowhere else.
            if (record.ValidationExamples > 0) values.AddRange([("val_loss", epoch.ValidationLoss), ("val_accuracy", epoch.ValidationAccuracy)]);
            else if (!double.IsNaN(epoch.ValidationLoss) || !double.IsNaN(epoch.ValidationAccuracy))
                yield return $"history epoch {epoch.Epoch} has validation numbers, but validation_examples is 0";
            foreach (var (name, value) in values.Where(v => !double.IsFinite(v.Value)))
                yield return $"history epoch {epoch.Epoch} {name} is {Text(value)}";
        }
    }

    private static IEnumerable<string> ConfusionProblems(RunRecord record)
    {
        var matrix = record.ConfusionMatrix;
        if (matrix is null || matrix.Length == 0 || matrix.Any(row => row is null || row.Length != matrix.Length || row.Any(count => count < 0)))
        {
            yield return "confusion_matrix is not a square matrix of counts";
            yield break;
        }

        var total = matrix.Sum(row => row.Sum());
        if (record.EvaluationExamples != total)
            yield return $"evaluation_examples is {record.EvaluationExamples}, but the confusion matrix counts {total}";
        var scores = ClassificationScores.FromConfusion(matrix);
        foreach (var (name, stored, recomputed) in new[]
                 {
                     ("evaluation_accuracy", record.EvaluationAccuracy, scores.Accuracy),
                     ("macro_precision", record.MacroPrecision, scores.MacroPrecision),
                     ("macro_recall", record.MacroRecall, scores.MacroRecall),
                     ("macro_f1", record.MacroF1, scores.MacroF1),
                 })
        {
            if (stored != recomputed) yield return $"{name} is {Text(stored)}, but the confusion matrix gives {Text(recomputed)}";
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
