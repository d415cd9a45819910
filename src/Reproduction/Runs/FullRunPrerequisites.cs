using Repro.Experiments;
using Repro.Reproduction.Inputs;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Why the full profile cannot run an experiment on this machine: its data or its pretrained weights are not on
/// disk. Looks at the disk only, so the reproduction table can ask it for every experiment without starting
/// libtorch or asking the network.
/// </summary>
public sealed class FullRunPrerequisites(ExperimentDataLoader data, PretrainedWeightFiles weights)
{
    /// <summary>Why not, or null when the experiment can run.</summary>
    public string? Missing(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var availability = data.Availability(experiment.Data);
        return !availability.Available ? $"data missing: {availability.Reason}" : weights.Missing(experiment);
    }
}
