using Repro.Reproduction.Engine;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// What `repro run` and `repro merge` end with: a result.json for every completed experiment, the results table, and the
/// experiments that did not run or failed.
/// </summary>
internal static class BatchResults
{
    /// <returns>The exit code: 1 when an experiment failed, else 0.</returns>
    public static int Write(IReadOnlyList<ExperimentOutcome> outcomes, string root, string deviceClass, RunProfile profile, EngineFingerprint engine, DateTimeOffset started)
    {
        var environment = RunEnvironment.Capture(engine);
        foreach (var done in outcomes.OfType<CompletedExperiment>())
        {
            var path = RepositoryPaths.ResultJson(root, deviceClass, profile.Name(), done.Experiment.Id);
            CanonicalJson.Write(path, ResultDocument.Build(done, CanonicalDefinition.Hash(done.Experiment), environment, started));
        }

        AnsiConsole.Write(ResultTable.Build(outcomes));
        AnsiConsole.MarkupLineInterpolated($"results in {Path.Combine(root, deviceClass, profile.Name())}");
        foreach (var notRun in outcomes.OfType<NotRunExperiment>())
            AnsiConsole.MarkupLineInterpolated($"[yellow]not run[/] {notRun.Experiment.Id}: {notRun.Reason}");
        foreach (var failed in outcomes.OfType<FailedExperiment>())
            CliErrors.Report($"{failed.Experiment.Id} failed: {failed.Message}");
        return outcomes.Any(o => o is FailedExperiment) ? 1 : 0;
    }
}
