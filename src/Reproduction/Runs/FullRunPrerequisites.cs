using Repro.Experiments;
using Repro.Reproduction.Data;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Why the full profile cannot run an experiment on this machine: its data or its pretrained weights are not on
/// disk, or its weights cannot be read yet. Looks at the disk only, so the reproduction table can ask it for every
/// experiment without starting libtorch or asking the network.
/// </summary>
/// <param name="weightsFolder">Where pretrained weight files are looked for.</param>
public sealed class FullRunPrerequisites(ExperimentDataLoader data, string weightsFolder)
{
    /// <summary>Why not, or null when the experiment can run.</summary>
    public string? Missing(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var availability = data.Availability(experiment.Data);
        if (!availability.Available) return $"data missing: {availability.Reason}";
        var missing = experiment.Weights.Where(w => !File.Exists(Path.Combine(weightsFolder, w.FileName))).ToList();
        if (missing.Count > 0)
        {
            return "weights missing: " + string.Join("; ", missing.Select(w =>
                $"{w.FileName} (md5 {w.Md5}, from {w.Url}) for {w.LoadsInto}; put it in {weightsFolder}"));
        }

        return experiment.Weights.Count > 0
            ? $"weights present, but reading Keras HDF5 weight files into {string.Join(", ", experiment.Weights.Select(w => w.LoadsInto))} is not implemented"
            : null;
    }
}
