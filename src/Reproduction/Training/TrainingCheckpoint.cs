using Repro.Torch;

namespace Repro.Reproduction.Training;

/// <summary>
/// Everything a training carries past the end of <paramref name="Epoch"/>: restored into a freshly built
/// model and optimizer, the next epochs compute exactly what they would have computed without the pause.
/// </summary>
/// <param name="Epoch">The last complete epoch.</param>
/// <param name="Model">Parameters and buffers (<see cref="torch.nn.Module.state_dict"/>).</param>
/// <param name="Optimizer">The optimizer's state and step counts.</param>
/// <param name="Shuffling">The shuffling generator's state.</param>
/// <param name="Dropout">The global generator's state, which dropout draws from.</param>
/// <param name="EarlyStopping">The early-stopping callback's memory, when the training uses one.</param>
/// <param name="History">fit()'s log up to <paramref name="Epoch"/>.</param>
/// <param name="FirstSteps">The recorded batch losses so far.</param>
/// <param name="Snapshots">The evaluations already made after earlier epochs.</param>
public sealed record TrainingCheckpoint(
    int Epoch,
    IReadOnlyDictionary<string, float[]> Model,
    torch.optim.OptimizerState Optimizer,
    byte[] Shuffling,
    byte[] Dropout,
    EarlyStopping.State? EarlyStopping,
    IReadOnlyList<EpochRecord> History,
    IReadOnlyList<double> FirstSteps,
    IReadOnlyList<KerasFit.Snapshot> Snapshots);
