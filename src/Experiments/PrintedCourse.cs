namespace Repro.Experiments;

/// <summary>
/// The per-epoch log a report printed for one training run of an experiment (Keras fit(), verbose 1), and where:
/// <paramref name="Where"/> names the run and the report lines, <paramref name="Fold"/> the fold of a
/// cross-validation whose log it is (null for a hold-out run). Printed numbers, like <see cref="ReportedNumber"/>:
/// they are not part of the definition hash, so encoding them changes no result.
/// </summary>
public sealed record PrintedCourse(string Where, int? Fold, IReadOnlyList<PrintedEpoch> Epochs)
{
    /// <summary>How many numbers the log printed (every value of every epoch).</summary>
    public int NumberCount => Epochs.Sum(epoch => epoch.Values.Count);
}

/// <summary>
/// One epoch line of a fit() log: the epoch (1-based), the report line it starts on, and the running training
/// loss and accuracy, with the validation ones where the run validated. Keras printed them to four decimals.
/// </summary>
public sealed record PrintedEpoch(int Epoch, int Line, double Loss, double Accuracy, double? ValidationLoss = null, double? ValidationAccuracy = null)
{
    public const int Decimals = 4;

    /// <summary>The printed values by the name Keras's history gives them, in the order the log prints them.</summary>
    public IReadOnlyList<(string Name, double Value)> Values =>
    [
        (EpochQuantities.Loss, Loss), (EpochQuantities.Accuracy, Accuracy),
        .. ValidationLoss is { } validationLoss ? [(EpochQuantities.ValidationLoss, validationLoss)] : Array.Empty<(string, double)>(),
        .. ValidationAccuracy is { } validationAccuracy ? [(EpochQuantities.ValidationAccuracy, validationAccuracy)] : Array.Empty<(string, double)>(),
    ];
}

/// <summary>The four per-epoch quantities of a Keras history, by the names its log prints.</summary>
public static class EpochQuantities
{
    public const string Loss = "loss";
    public const string Accuracy = "accuracy";
    public const string ValidationLoss = "val_loss";
    public const string ValidationAccuracy = "val_accuracy";

    public static IReadOnlyList<string> All { get; } = [Loss, Accuracy, ValidationLoss, ValidationAccuracy];
}
