using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Results;

namespace Repro.Gate.Tests;

/// <summary>Ways the old gate could pass without having compared what it gates; each must now fail.</summary>
[TestFixture]
public sealed class GateHoleTests
{
    private static Baseline WithoutMetric(Baseline baseline, string metric) =>
        baseline with { Metrics = baseline.Metrics.Where(m => m.Key != metric).ToDictionary() };

    [TestCase(MetricNames.TestMacroF1)]
    [TestCase(MetricNames.TestAccuracy)]
    public void A_baseline_lacking_a_gated_metric_fails_though_the_result_has_it(string deleted)
    {
        using var workspace = new GateWorkspace().Verified(WithoutMetric(FullSample.Baseline(Engines.A), deleted))
            .Result(FullSample.AddTo(new ResultJson()));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Report!.BreachLines.Single(), Does.StartWith($"BREACH 003-lenet5 {deleted} (exact): allowed a value (the baseline lacks this gated metric)"));
            Assert.That(workspace.Received().Metrics.Keys, Does.Contain(deleted), "the received file restores it");
        });
    }

    [Test]
    public void On_another_engine_a_baseline_lacking_the_first_gated_metric_is_still_reported_as_statistical()
    {
        using var workspace = new GateWorkspace().Verified(WithoutMetric(FullSample.Baseline(Engines.A), MetricNames.TestAccuracy))
            .Result(FullSample.AddTo(new ResultJson { Engine = Engines.B }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Report!.Mode, Is.EqualTo(GateMode.Statistical));
            Assert.That(outcome.Report.Headline, Is.EqualTo("3 metric(s), statistical (another platform: blas, cpu_capability)"));
            Assert.That(outcome.Report.BreachLines.Single(), Does.StartWith("BREACH 003-lenet5 test_accuracy (statistical)"));
        });
    }

    [Test]
    public void A_result_lacking_a_gated_metric_fails()
    {
        var result = new ResultJson();
        foreach (var (seed, i) in FullSample.Seeds.Select((s, i) => (s, i)))
        {
            result.Seed(seed, new Dictionary<string, double> { [MetricNames.TestAccuracy] = FullSample.Accuracy[i], [MetricNames.TestLoss] = FullSample.Loss[i] });
        }

        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A)).Result(result);

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.That(outcome.Report!.BreachLines.Single(),
            Does.StartWith("BREACH 003-lenet5 test_macro_f1 (exact): allowed 0.79 exactly (same platform), received missing (the result lacks the metric)"));
    }

    [Test]
    public void A_result_with_another_first_seed_fails_against_the_seed_42_baseline()
    {
        // Seed 7's values equal the baseline's seed-42 values, so only the seed check can catch it.
        var result = new ResultJson().Seed(7, FullSample.Values.ToDictionary(m => m.Key, m => m.Value[0]));
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A)).Result(result);

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("seed: the result's first seed is 7, the baseline's is 42"));
            Assert.That(outcome.Report, Is.Null, "no metric was compared");
        });
    }

    [Test]
    public void A_hand_edited_interval_makes_the_baseline_malformed_and_the_gate_fail()
    {
        using var workspace = new GateWorkspace().Result(FullSample.AddTo(new ResultJson()));
        var json = FullSample.Baseline(Engines.A).ToJson();
        json["metrics"]![MetricNames.TestLoss]!["interval"]!["high"] = 0.9;
        CanonicalJson.Write(workspace.Snapshots.VerifiedPath, json);

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain($"Baseline {workspace.Snapshots.VerifiedPath} is malformed"));
            Assert.That(outcome.Message, Does.Contain("metric 'test_loss' interval high is 0.9, but its values and α give 0.517").And.Contain("(edited by hand?)"));
        });
    }

    [Test]
    public void A_result_without_an_engine_fingerprint_fails_and_leaves_no_received_file()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A)).Result(FullSample.AddTo(new ResultJson { Engine = null }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("engine: the result records no engine fingerprint (made by an older Repro); re-run it"));
            Assert.That(outcome.Message, Does.Contain("No received file was written"));
            Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False);
        });
    }

    [Test]
    public void A_result_whose_engine_id_does_not_follow_from_its_fields_counts_as_having_none()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A));
        var json = FullSample.AddTo(new ResultJson()).ToJson();
        json["manifest"]!["engine"]!["blas"] = "another blas, id left as it was";
        CanonicalJson.Write(workspace.ResultPath, json);

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.That(outcome.Message, Does.Contain("engine: the result records no engine fingerprint"));
    }

    [Test]
    public void Engine_fingerprint_ids_follow_from_every_field()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Engines.A.Id, Is.Not.EqualTo(Engines.B.Id));
            Assert.That((Engines.A with { Threads = 3 }).Id, Is.Not.EqualTo(Engines.A.Id));
            Assert.That((Engines.A with { Tf32 = true }).Id, Is.Not.EqualTo(Engines.A.Id));
            Assert.That(Engines.A.ToJson()["id"]!.GetValue<string>(), Is.EqualTo(Engines.A.Id).And.Length.EqualTo(16));
            Assert.That(Reproduction.Engine.EngineFingerprint.FromJson(JsonNode.Parse(Engines.B.ToJson().ToJsonString())), Is.EqualTo(Engines.B));
        });
    }
}
