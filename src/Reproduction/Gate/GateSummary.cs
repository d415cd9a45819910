using System.Text;

namespace Repro.Reproduction.Gate;

/// <summary>
/// A Markdown table of gate outcomes, written to artifacts/report/gate.md so a CI job can show
/// it as its summary: one row per metric, and one row for an experiment the gate could not check or did not run.
/// </summary>
public static class GateSummary
{
    /// <summary>The mark of an experiment whose result is not required and was not there: neither a pass nor a failure.</summary>
    public const string NotRunMark = "⏭";

    public static string Render(IEnumerable<GateOutcome> outcomes)
    {
        var text = new StringBuilder("| experiment | metric | mode | allowed | received | verdict |\n|---|---|---|---|---|---|\n");
        foreach (var outcome in outcomes.OrderBy(o => o.ExperimentId, StringComparer.Ordinal))
        {
            if (outcome.Report is null || outcome.Report.Checks.Count == 0)
            {
                text.Append($"| {outcome.ExperimentId} | | | | | {(outcome.NotRun ? NotRunMark : "❌")} {outcome.Message.ReplaceLineEndings(" ")} |\n");
                continue;
            }

            foreach (var m in outcome.Report.Checks)
            {
                var verdict = m.Passed ? "✅ pass" : $"❌ {m.Excess ?? "outside"}";
                text.Append($"| {outcome.ExperimentId} | {m.Name} | {m.Mode.ToString().ToLowerInvariant()} | {m.Expected} | {m.Received} | {verdict} |\n");
            }
        }

        return text.ToString();
    }

    public static void Write(string path, IEnumerable<GateOutcome> outcomes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Render(outcomes));
    }
}
