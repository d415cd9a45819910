using Repro.Experiments;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Reporting;

/// <summary>What is known about an experiment when the table is written: its result, or why it did not run.</summary>
public sealed record ExperimentStatus(Experiment Experiment, ResultFile? Result, string? NotRunReason)
{
    /// <summary>
    /// The experiment's full-profile result on <paramref name="device"/> under <paramref name="resultsRoot"/>, read as the gate
    /// reads it (<see cref="ResultFile"/>), or why there is none to use: not run yet, unreadable, or made from an older definition.
    /// </summary>
    public static ExperimentStatus Read(Experiment experiment, string resultsRoot, string device, Func<Experiment, string?> notRunReason)
    {
        var path = RepositoryPaths.ResultJson(resultsRoot, device, RunProfile.Full.Name(), experiment.Id);
        if (!File.Exists(path))
        {
            return new ExperimentStatus(experiment, null, notRunReason(experiment)
                ?? $"no result on this machine yet: ./build.sh Reproduce --experiment {experiment.Id}");
        }

        ResultFile result;
        try
        {
            result = ResultFile.Read(path, experiment.Id);
        }
        catch (ResultFileException e)
        {
            return new ExperimentStatus(experiment, null, e.Message);
        }

        return result.MadeFrom(experiment.Version, CanonicalDefinition.Hash(experiment))
            ? new ExperimentStatus(experiment, result, null)
            : new ExperimentStatus(experiment, null, $"the result at {path} was made from an older definition; re-run: ./build.sh Reproduce --experiment {experiment.Id}");
    }

    /// <summary>The result the table may show. Smoke runs train on a sliver of the data, so they never stand for the report's run.</summary>
    internal ResultFile? FullResult => Result?.Profile == RunProfile.Full.Name() ? Result : null;

    /// <summary>
    /// Why none of this experiment's printed numbers is judged, said once for the experiment; null when they all are.
    /// </summary>
    /// <remarks>
    /// A run on substitute data counts as substitute data even when it also carries a <see cref="Experiment.Variant"/>
    /// label (report 001's digits subset does); the label is what the table shows, since it says more than the
    /// dataset id in <see cref="DataSpec.SubstituteFor"/>. Substitute data and variants come first: no result makes them comparable.
    /// </remarks>
    internal NotJudged? NotJudged =>
        Experiment.Data.SubstituteFor is { } substitute ? new NotJudged(NotJudged.SubstituteData, Experiment.Variant ?? $"substitute data for {substitute}")
        : Experiment.Variant is { } variant ? new NotJudged(NotJudged.Variant, variant)
        : FullResult is null ? new NotJudged(NotJudged.NotRun, $"not run: {WhyNotRun}")
        : FullResult.FixtureData ? new NotJudged(NotJudged.FixtureData, "fixture data: the result was computed on the small test fixture, not the real data set")
        : FullResult.Seeds.Count < 2 && Experiment.Protocol is not CrossValidation ? new NotJudged(NotJudged.OneSeed,
            $"one seed ran, and one draw has no spread to test with: run ./build.sh Reproduce --experiment {Experiment.Id} --seeds 10")
        : null;

    private string WhyNotRun =>
        Result is null ? NotRunReason ?? "no result recorded" : $"only a {Result.Profile} result exists";

    /// <summary>
    /// Why there is no full result, with the command's experiment id written &lt;id&gt; so that experiments missing for
    /// one reason share one line; null when there is one.
    /// </summary>
    internal string? SharedNotRunReason => FullResult is null
        ? $"not run: {WhyNotRun.Replace($"--experiment {Experiment.Id}", $"--experiment {IdPlaceholder}", StringComparison.Ordinal)}"
        : null;

    internal const string IdPlaceholder = "<id>";
}
