using Repro.Experiments;
using Repro.Reproduction.Inputs;

namespace Repro.Reproduction.Runs;

/// <summary>
/// full: the report's settings. smoke: the same code path (data loading and splitting, every
/// protocol, the model, optimizer, loss and evaluation) on the first rows of the data for one
/// epoch, for every experiment, falling back to fixture data in the real file format where
/// the dataset is not here.
/// </summary>
public enum RunProfile { Full, Smoke }

public static class RunProfiles
{
    public const int SmokeEpochs = 1;

    /// <summary>Enough rows for every protocol (10 folds of 4 or 5, a 20% validation split of 9) while the largest model (report 004, N_HIDDEN 512) stays within seconds.</summary>
    public static readonly DataSlice SmokeSlice = new(TrainRows: 48, TestRows: 24);

    public static string Name(this RunProfile profile) => profile == RunProfile.Full ? "full" : "smoke";

    public static RunProfile Parse(string name) => name switch
    {
        "full" => RunProfile.Full,
        "smoke" => RunProfile.Smoke,
        _ => throw new ArgumentException($"Unknown profile '{name}'; use full (the report's settings) or smoke (the first rows of the data for one epoch)."),
    };

    public static DataSlice? Slice(this RunProfile profile) => profile == RunProfile.Smoke ? SmokeSlice : null;

    /// <summary>The experiment as this profile trains it.</summary>
    public static Experiment Apply(this RunProfile profile, Experiment experiment) => profile == RunProfile.Full
        ? experiment
        : experiment with { Training = experiment.Training with { Epochs = Math.Min(experiment.Training.Epochs, SmokeEpochs) } };
}
