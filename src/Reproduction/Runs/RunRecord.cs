using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Reproduction.Training;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The numbers of one training run, as stored in the run cache (artifacts/cache/runs/&lt;key&gt;.json)
/// and copied into the experiment's result: the evaluation after <see cref="Epochs"/> epochs,
/// the fit() log up to then, and what it cost.
/// </summary>
public sealed record RunRecord : IFoldScores
{
    public required string Key { get; init; }
    public required string FirstRequestedBy { get; init; }
    public int? Fold { get; init; }
    public required ulong Seed { get; init; }
    public required ulong RunSeed { get; init; }
    public required int Epochs { get; init; }

    /// <summary>When several runs were served by one training (a longer run of the same family), its key.</summary>
    public required string TrainedBy { get; init; }

    public required double EvaluationLoss { get; init; }
    public required double EvaluationAccuracy { get; init; }
    public required double MacroPrecision { get; init; }
    public required double MacroRecall { get; init; }
    public required double MacroF1 { get; init; }
    public required long[][] ConfusionMatrix { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }
    public int? BestEpoch { get; init; }
    public required long TrainExamples { get; init; }
    public required long ValidationExamples { get; init; }
    public required long EvaluationExamples { get; init; }
    public required long Parameters { get; init; }

    /// <summary>The model's longest dot product (<see cref="Keras.KerasModel.LargestFanIn"/>): what float32 rounding differences between engines scale with.</summary>
    public required long LargestFanIn { get; init; }

    /// <summary>The batch losses of the first training steps (<see cref="KerasFit.RecordedSteps"/> at most).</summary>
    public required IReadOnlyList<double> StepLosses { get; init; }

    /// <summary>Training and evaluation time up to this epoch, in seconds.</summary>
    public required double Seconds { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };
}
