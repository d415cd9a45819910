using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction;
using Repro.Reproduction.Gate;

namespace Repro.Regression;

/// <summary>
/// The regression gate: the latest result of every registered experiment must lie within the
/// bands of baselines/&lt;id&gt;.verified.json. On a breach the test fails with one line per
/// breached metric and leaves &lt;id&gt;.received.json beside the baseline for `./build.sh Accept`.
/// </summary>
public class ExperimentGateTests
{
    private static readonly List<GateOutcome> Outcomes = [];

    /// <summary>artifacts/report/gate.md: the table CI puts in its job summary.</summary>
    [OneTimeTearDown]
    public void WriteSummary() =>
        GateSummary.Write(Path.Combine(RepositoryPaths.Artifacts, "report", "gate.md"), Outcomes);

    private static IEnumerable<TestCaseData> Experiments() =>
        ExperimentRegistry.All.Select(e => new TestCaseData(e.Id).SetName($"Gate({e.Id})"));

    [TestCaseSource(nameof(Experiments))]
    public void Latest_result_is_within_the_baseline_bands(string experimentId)
    {
        var experiment = ExperimentRegistry.Find(experimentId);
        var resultPath = RepositoryPaths.ResultJson(experimentId);
        var (profile, device) = ProfileAndDevice(resultPath);

        var outcome = BaselineGate.Run(RepositoryPaths.Baselines, experimentId, resultPath,
            GatedMetrics.ProvisionalTolerances(experiment), GatedMetrics.ProvisionalDerivation, profile, device);

        Outcomes.Add(outcome);
        TestContext.Out.WriteLine(outcome.Message);
        Assert.That(outcome.Passed, Is.True, outcome.Message);
    }

    [Test]
    public void Every_baseline_belongs_to_a_registered_experiment()
    {
        var known = ExperimentRegistry.All.Select(e => e.Id).ToHashSet();
        var orphans = Directory.GetFiles(RepositoryPaths.Baselines, "*.verified.json")
            .Select(p => Path.GetFileName(p)[..^".verified.json".Length])
            .Where(id => !known.Contains(id));
        Assert.That(orphans, Is.Empty, "baseline files without an experiment: remove them or register the experiment");
    }

    /// <summary>The profile and device the result says it was made with; the gate refuses a mismatch with the baseline.</summary>
    private static (string Profile, string Device) ProfileAndDevice(string resultPath)
    {
        const string defaults = "full";
        if (!File.Exists(resultPath)) return (defaults, "cpu");
        try
        {
            var result = JsonNode.Parse(File.ReadAllText(resultPath));
            return ((string?)result?["profile"] ?? defaults, (string?)result?["manifest"]?["device"] ?? "cpu");
        }
        catch (System.Text.Json.JsonException)
        {
            return (defaults, "cpu"); // the gate reports the malformed file itself
        }
    }
}
