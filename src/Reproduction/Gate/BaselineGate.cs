using System.Text;
using Repro.Reproduction.Results;

namespace Repro.Reproduction.Gate;

/// <summary>
/// Compares an experiment's result with its verified baseline. On the baseline's platform (its
/// engine but for Repro's own code, which is what is being tested) every gated metric must be
/// reproduced bit for bit; on another platform a full result's first seed
/// must fall inside each metric's prediction interval, and a smoke result's losses within their
/// rounding tolerances. Anything the gate cannot establish (no baseline, a required result missing, a metric
/// missing from either, another seed, profile, device class or definition) fails, never passes; a result that is
/// not required (a full run outside the CPU test budget) and absent is reported as not run.
/// </summary>
public static class BaselineGate
{
    /// <summary>
    /// The whole gate for one experiment: reads the result and the verified baseline, checks that
    /// both belong to the experiment as defined now and to each other, compares every gated metric,
    /// and keeps the received file in step: written on any failure that has numbers to show, deleted on a pass.
    /// </summary>
    /// <param name="baselinesDir">The folder of *.verified.json files for the subject's device class and profile.</param>
    /// <param name="resultJsonPath">The result file of the subject's profile and device.</param>
    /// <param name="subject">The experiment as registered now, its gated metrics, and the profile and device class.</param>
    public static GateOutcome Run(string baselinesDir, string resultJsonPath, GateSubject subject)
    {
        var id = subject.ExperimentId;
        var snapshots = new Snapshots(baselinesDir, id);
        if (!subject.ResultRequired && !File.Exists(resultJsonPath))
        {
            return new GateOutcome(id, false,
                $"NOT RUN {id}: no {subject.Profile} result at {resultJsonPath}. Its training is outside the CPU test budget, so `./build.sh Test` does not make it; " +
                $"the gate checks it whenever a result is present: ./build.sh Reproduce --experiment {id} --profile {subject.Profile}, then ./build.sh Gate.", null, null) { NotRun = true };
        }

        ResultFile result;
        try
        {
            result = ResultFile.Read(resultJsonPath, id);
        }
        catch (ResultFileException e)
        {
            return Fail(id, e.Message);
        }

        if (Stale(result, subject) is { } stale) return Fail(id, stale);
        if (!snapshots.HasVerified) return Failed(snapshots, result, subject, [$"no verified baseline yet at {snapshots.VerifiedPath}"]);

        Baseline baseline;
        try
        {
            baseline = snapshots.LoadVerified();
        }
        catch (BaselineException e)
        {
            return Fail(id, e.Message);
        }

        if (baseline.Version != subject.Version)
        {
            return Failed(snapshots, result, subject,
                [$"the baseline was recorded for version {baseline.Version}, the experiment is now version {subject.Version}: a version bump says the results are expected to change, so the old numbers are not compared"]);
        }

        if (baseline.DefinitionHash != subject.DefinitionHash)
        {
            return Fail(id,
                $"the definition changed without a version bump: the baseline was made from definition {baseline.DefinitionHash} (version {baseline.Version}), " +
                $"the experiment now hashes to {subject.DefinitionHash}. A change to data, protocol, model, training or seed changes the results: " +
                "bump Version in the experiment's definition (src/Experiments/Definitions), re-run it and accept a new baseline.");
        }

        var mismatches = Mismatches(baseline, result, subject);
        if (mismatches.Count > 0) return Failed(snapshots, result, subject, mismatches);

        var sameEngine = result.Engine!.PlatformId == baseline.Engine.PlatformId;
        // From the profile, not from the first check: a gated metric the baseline lacks has no kind to take a mode from.
        var mode = sameEngine ? GateMode.Exact : subject.Profile == "smoke" ? GateMode.Rounding : GateMode.Statistical;
        var checks = subject.MetricNames.Select(name => baseline.Metrics.TryGetValue(name, out var metric)
                ? MetricComparison.Check(name, metric, ReceivedValues.Of(result, name), sameEngine)
                : new MetricCheck(name, mode, "a value (the baseline lacks this gated metric)", "not compared", false, "accept a complete baseline"))
            .ToList();
        var report = new GateReport(id, mode, checks, baseline.Engine.Differences(result.Engine));
        if (report.Passed)
        {
            snapshots.DeleteReceived();
            return new GateOutcome(id, true, $"PASS {id}: {report.Headline}\n{string.Join('\n', checks.Select(c => $"  {c.Name}: {c.Received}, allowed {c.Expected}"))}", report, null);
        }

        var outcome = Failed(snapshots, result, subject, [.. report.BreachLines, .. report.EngineLines]);
        return outcome with { Report = report };
    }

    /// <summary>A result made from another version or definition than the registry's is out of date: it must be re-run, not gated.</summary>
    private static string? Stale(ResultFile result, GateSubject subject) =>
        result.MadeFrom(subject.Version, subject.DefinitionHash)
            ? null
            : $"the result was made from version {result.Version} (definition {result.DefinitionHash}), " +
              $"but the experiment is now version {subject.Version} (definition {subject.DefinitionHash}). " +
              $"Run ./build.sh Reproduce --experiment {subject.ExperimentId} --profile {subject.Profile} to bring it up to date.";

    // Numbers of another seed, profile or device class are other draws or other quantities: never compared.
    private static List<string> Mismatches(Baseline baseline, ResultFile result, GateSubject subject)
    {
        var lines = new List<string>();
        if (baseline.Profile != subject.Profile || result.Profile != subject.Profile)
            lines.Add($"profile: the baseline was made with '{baseline.Profile}', the result with '{result.Profile}', the gate checks '{subject.Profile}'");
        if (baseline.Device != subject.Device || result.Device != subject.Device)
            lines.Add($"device class: the baseline was made on '{baseline.Device}', the result on '{result.Device}', the gate checks '{subject.Device}'");
        if (result.Seeds[0].Seed != baseline.GatedSeed)
            lines.Add($"seed: the result's first seed is {result.Seeds[0].Seed}, the baseline's is {baseline.GatedSeed}; re-run without --seed, or accept with --allow-mismatch to gate another seed from now on");
        if (result.Engine is null)
            lines.Add("engine: the result records no engine fingerprint (made by an older Repro); re-run it");
        return lines;
    }

    private static GateOutcome Fail(string id, string problem) => new(id, false, $"FAIL {id}: {problem}", null, null);

    /// <summary>A failure that leaves a received file for review when the result can make one.</summary>
    private static GateOutcome Failed(Snapshots snapshots, ResultFile result, GateSubject subject, IReadOnlyList<string> problems)
    {
        var id = snapshots.ExperimentId;
        var (received, why) = ReceivedBaseline.From(result, subject);
        var message = new StringBuilder($"FAIL {id}:\n");
        foreach (var problem in problems) message.Append("  ").Append(problem).Append('\n');
        if (received is null)
        {
            snapshots.DeleteReceived();
            message.Append($"No received file was written: {why}.");
            return new GateOutcome(id, false, message.ToString(), null, null);
        }

        snapshots.WriteReceived(received);
        message.Append($"Received baseline written to {snapshots.ReceivedPath}. If the change is intended, review its diff against {snapshots.VerifiedPath} and run ./build.sh Accept.");
        return new GateOutcome(id, false, message.ToString(), null, snapshots.ReceivedPath);
    }
}
