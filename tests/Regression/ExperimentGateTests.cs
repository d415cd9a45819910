using Repro.Experiments;
using Repro.Reproduction;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Runs;

namespace Repro.Regression;

/// <summary>
/// The regression gate, per device class (cpu unless REPRO_DEVICE says otherwise) and profile: the smoke result of every
/// registered experiment, and the full result of every experiment that has a full baseline or a
/// full result on this device class, must lie within the bands of baselines/&lt;device&gt;/&lt;profile&gt;/&lt;id&gt;.verified.json
/// and come from the experiment as it is defined now. On a breach the test fails with one line
/// per breached metric and leaves &lt;id&gt;.received.json beside the baseline for `./build.sh Accept`.
/// </summary>
public class ExperimentGateTests
{
    /// <summary>The device class whose results and baselines are gated: REPRO_DEVICE (cpu, cuda or auto, as `repro run --device`), cpu by default.</summary>
    private static readonly string Device = ComputeDevice.Resolve(Environment.GetEnvironmentVariable("REPRO_DEVICE") ?? "cpu").DeviceClass;
    private static readonly List<GateOutcome> Outcomes = [];

    /// <summary>artifacts/report/gate.md: the table CI puts in its job summary.</summary>
    [OneTimeTearDown]
    public void WriteSummary() =>
        GateSummary.Write(Path.Combine(RepositoryPaths.Artifacts, "report", "gate.md"), Outcomes);

    private static IEnumerable<TestCaseData> Gated()
    {
        foreach (var e in ExperimentRegistry.All)
            yield return new TestCaseData("smoke", e.Id).SetName($"Gate(smoke, {e.Id})");
        // A full baseline without a result fails (the result must be reproduced); a full result without a
        // baseline fails too and leaves a received file to review and accept, as a new snapshot does.
        var full = RepositoryPaths.BaselineFolder(Device, "full");
        foreach (var e in ExperimentRegistry.All.Where(e => File.Exists(Path.Combine(full, e.Id + ".verified.json"))
                     || File.Exists(RepositoryPaths.ResultJson(RepositoryPaths.ResultsRoot, Device, "full", e.Id))))
            yield return new TestCaseData("full", e.Id).SetName($"Gate(full, {e.Id})");
    }

    [TestCaseSource(nameof(Gated))]
    public void Latest_result_is_within_the_baseline_bands(string profile, string experimentId)
    {
        var experiment = ExperimentRegistry.Find(experimentId);
        var subject = GateSubject.Of(experiment, profile, Device);
        var outcome = BaselineGate.Run(RepositoryPaths.BaselineFolder(Device, profile),
            RepositoryPaths.ResultJson(RepositoryPaths.ResultsRoot, Device, profile, experimentId), subject);

        Outcomes.Add(outcome);
        TestContext.Out.WriteLine(outcome.Message);
        Assert.That(outcome.Passed, Is.True, outcome.Message);
    }

    [Test]
    public void Every_baseline_belongs_to_a_registered_experiment()
    {
        var known = ExperimentRegistry.All.Select(e => e.Id).ToHashSet();
        var orphans = Directory.GetFiles(RepositoryPaths.Baselines, "*.verified.json", SearchOption.AllDirectories)
            .Where(p => !known.Contains(Path.GetFileName(p)[..^".verified.json".Length]))
            .Select(p => Path.GetRelativePath(RepositoryPaths.Baselines, p));
        Assert.That(orphans, Is.Empty, "baseline files without an experiment: remove them or register the experiment");
    }
}
