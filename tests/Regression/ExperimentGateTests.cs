using Repro.Experiments;
using Repro.Reproduction;
using Repro.Reproduction.Gate;

namespace Repro.Regression;

/// <summary>
/// The regression gate, per device class (cpu unless REPRO_DEVICE says otherwise) and profile: the smoke result of every
/// registered experiment, and the full result of every experiment that has a full baseline or a
/// full result on this device class, must reproduce baselines/&lt;device&gt;/&lt;profile&gt;/&lt;id&gt;.verified.json
/// (exactly on the baseline's engine, statistically or within float32 rounding on another) and come from
/// the experiment as it is defined now. On a breach the test fails with one line per breached metric and
/// leaves &lt;id&gt;.received.json beside the baseline for `./build.sh Accept`.
/// </summary>
public class ExperimentGateTests
{
    private static readonly string Device = GatedDevice.Class;
    private static readonly List<GateOutcome> Outcomes = [];

    /// <summary>The results to gate: REPRO_RESULTS (a run on another engine, e.g. under ATEN_CPU_CAPABILITY=default, writes its own folder), else artifacts/results.</summary>
    private static readonly string ResultsRoot = Environment.GetEnvironmentVariable("REPRO_RESULTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder, RepositoryPaths.Root)
        : RepositoryPaths.ResultsRoot;

    /// <summary>artifacts/report/gate.md (gate-&lt;results folder&gt;.md for REPRO_RESULTS): the table CI puts in its job summary.</summary>
    [OneTimeTearDown]
    public void WriteSummary() =>
        GateSummary.Write(Path.Combine(RepositoryPaths.Artifacts, "report",
            ResultsRoot == RepositoryPaths.ResultsRoot ? "gate.md" : $"gate-{Path.GetFileName(ResultsRoot)}.md"), Outcomes);

    private static IEnumerable<TestCaseData> Gated()
    {
        foreach (var e in ExperimentRegistry.All)
            yield return new TestCaseData("smoke", e.Id).SetName($"Gate(smoke, {e.Id})");
        // A full baseline without a result fails when the experiment is in the CPU test budget (the result must be
        // reproduced) and is reported as not run otherwise; a full result without a baseline fails and leaves a
        // received file to review and accept, as a new snapshot does.
        // A run on another engine (REPRO_RESULTS) reproduces only some experiments in full: only those are gated.
        var full = RepositoryPaths.BaselineFolder(Device, "full");
        var partial = Environment.GetEnvironmentVariable("REPRO_RESULTS") is { Length: > 0 };
        foreach (var e in ExperimentRegistry.All.Where(e => (!partial && File.Exists(Path.Combine(full, e.Id + ".verified.json")))
                     || File.Exists(RepositoryPaths.ResultJson(ResultsRoot, Device, "full", e.Id))))
            yield return new TestCaseData("full", e.Id).SetName($"Gate(full, {e.Id})");
    }

    [TestCaseSource(nameof(Gated)), Order(1)]
    public void Latest_result_reproduces_the_baseline(string profile, string experimentId)
    {
        var subject = GateSubject.Of(ExperimentRegistry.Find(experimentId), profile, Device);
        var outcome = BaselineGate.Run(RepositoryPaths.BaselineFolder(Device, profile),
            RepositoryPaths.ResultJson(ResultsRoot, Device, profile, experimentId), subject);

        Outcomes.Add(outcome);
        TestContext.Out.WriteLine(outcome.Message);
        if (outcome.NotRun) Assert.Ignore(outcome.Message);
        Assert.That(outcome.Passed, Is.True, outcome.Message);
    }

    /// <summary>
    /// Every statistical comparison may raise a false alarm with probability α; the baselines' α were
    /// chosen so that one gate run stays within the family-wise budget. More comparisons than the
    /// budget was split over would silently raise the false-alarm rate of the build.
    /// </summary>
    [Test, Order(2)]
    public void The_statistical_comparisons_of_this_run_stay_within_the_false_alarm_budget()
    {
        // Experiments served by one training (report 004's sweep rows that repeat its final run) make one comparison
        // several times over; the same numbers against the same interval are one event, so they count once.
        var statistical = Outcomes.Where(o => o.Report is { Mode: GateMode.Statistical })
            .SelectMany(o => o.Report!.Checks).DistinctBy(m => (m.Name, m.Expected, m.Received)).Count();
        TestContext.Out.WriteLine($"{statistical} statistical comparison(s) in this gate run, α {FalseAlarmBudget.PerMetricAlpha} each");
        var full = RepositoryPaths.BaselineFolder(Device, "full");
        var alphas = (Directory.Exists(full) ? Directory.GetFiles(full, "*.verified.json") : [])
            .SelectMany(path => Baseline.Load(path).Metrics.Values.OfType<IntervalMetric>().Select(m => m.Alpha))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statistical, Is.LessThanOrEqualTo(FalseAlarmBudget.ComparisonsPerTestRun),
                "more statistical comparisons than the false-alarm budget was divided over: raise FalseAlarmBudget.ComparisonsPerTestRun and accept the baselines again");
            Assert.That(alphas, Has.All.LessThanOrEqualTo(FalseAlarmBudget.PerMetricAlpha * (1 + 1e-12)),
                "a baseline's α exceeds the per-metric share of the family-wise budget");
        });
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
