using Repro.Experiments;
using Repro.Reproduction.Results;
using Repro.Reproduction.Statistics;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// Repro's fit() histories of a set of training runs, epoch by epoch: for every epoch and quantity (loss, accuracy,
/// val_loss, val_accuracy) the sample of the runs that reached that epoch with a finite value. Runs stopped early
/// simply drop out of the later epochs; a run without validation gives no val_* values (Keras logs none).
/// </summary>
internal sealed record ReproducedCourse(IReadOnlyList<(int Epoch, IReadOnlyDictionary<string, Sample> Quantities)> Epochs)
{
    public static ReproducedCourse Of(IEnumerable<RunTrace> runs)
    {
        var histories = runs.Select(run => run.History).ToList();
        var epochs = histories.SelectMany(history => history.Select(record => record.Epoch)).Distinct().Order().Select(epoch =>
        {
            var records = histories.Select(history => history.FirstOrDefault(record => record.Epoch == epoch)).OfType<EpochRecord>().ToList();
            var quantities = EpochQuantities.All
                .Select(quantity => (quantity, Values: records.Select(record => Value(record, quantity)).Where(double.IsFinite).ToList()))
                .Where(pair => pair.Values.Count > 0)
                .ToDictionary(pair => pair.quantity, pair => new Sample(pair.Values), StringComparer.Ordinal);
            return (epoch, (IReadOnlyDictionary<string, Sample>)quantities);
        });
        return new ReproducedCourse(epochs.ToList());
    }

    public Sample? At(int epoch, string quantity) =>
        Epochs.FirstOrDefault(pair => pair.Epoch == epoch).Quantities?.GetValueOrDefault(quantity);

    public bool Has(string quantity) => Epochs.Any(pair => pair.Quantities.ContainsKey(quantity));

    private static double Value(EpochRecord record, string quantity) => quantity switch
    {
        EpochQuantities.Loss => record.Loss,
        EpochQuantities.Accuracy => record.Accuracy,
        EpochQuantities.ValidationLoss => record.ValidationLoss,
        EpochQuantities.ValidationAccuracy => record.ValidationAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "not a fit() quantity"),
    };
}
