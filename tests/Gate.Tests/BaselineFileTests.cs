using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Results;

namespace Repro.Gate.Tests;

/// <summary>The *.verified.json format: what is written reads back the same, and a file that is not exactly the format is refused with a reason.</summary>
[TestFixture]
public sealed class BaselineFileTests
{
    private const string Source = "baselines/cpu/full/003-lenet5.verified.json";

    private static string Canonical(Baseline baseline) => CanonicalJson.Serialize(baseline.ToJson());

    private static string Problem(JsonObject json) =>
        Assert.Throws<BaselineException>(() => Baseline.Parse(json.ToJsonString(), Source))!.Message;

    private static JsonObject FullJson() => FullSample.Baseline(Engines.A).ToJson();

    private static JsonObject Metric(JsonObject json, string name) => json["metrics"]![name]!.AsObject();

    [Test]
    public void A_full_baseline_reads_back_as_written()
    {
        var written = FullSample.Baseline(Engines.A);

        var read = Baseline.Parse(Canonical(written), Source);

        Assert.Multiple(() =>
        {
            Assert.That(Canonical(read), Is.EqualTo(Canonical(written)));
            Assert.That(read.Seeds, Is.EqualTo(FullSample.Seeds));
            Assert.That(read.GatedSeed, Is.EqualTo(42UL));
            Assert.That(read.Engine, Is.EqualTo(Engines.A));
            Assert.That(read.Metrics[MetricNames.TestAccuracy].Values, Is.EqualTo(FullSample.Accuracy));
            Assert.That(((DistributionMetric)read.Metrics[MetricNames.TestAccuracy]).Interval.High, Is.EqualTo(1.0));
        });
    }

    [Test]
    public void A_smoke_baseline_reads_back_as_written()
    {
        var written = SmokeSample.Baseline(Engines.B);

        var read = Baseline.Parse(Canonical(written), Source);

        Assert.Multiple(() =>
        {
            Assert.That(Canonical(read), Is.EqualTo(Canonical(written)));
            Assert.That(read.Metrics[GatedMetricNames.StepLosses], Is.TypeOf<TraceMetric>());
            Assert.That(read.Engine, Is.EqualTo(Engines.B));
        });
    }

    [Test]
    public void The_written_file_shows_the_summary_numbers_a_reviewer_reads()
    {
        var loss = Metric(FullJson(), MetricNames.TestLoss);

        Assert.Multiple(() =>
        {
            Assert.That(loss.Select(p => p.Key), Is.EqualTo(new[] { "alpha", "interval", "mean", "n", "sd", "values" }));
            Assert.That(loss["n"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(loss["mean"]!.GetValue<double>(), Is.EqualTo(0.345).Within(1e-15));
            Assert.That(loss["alpha"]!.GetValue<double>(), Is.EqualTo(0.01 / 24));
        });
    }

    [Test]
    public void An_unknown_top_level_key_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => j["tolerance"] = 0.01)), Does.Contain("the top level has an unknown key 'tolerance'"));

    [Test]
    public void A_misspelt_metric_key_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => Metric(j, MetricNames.TestLoss)["alhpa"] = 0.05)), Does.Contain("metric 'test_loss' has an unknown key 'alhpa'"));

    [Test]
    public void An_unknown_key_in_an_interval_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => Metric(j, MetricNames.TestLoss)["interval"]!["hihg"] = 0.9)),
            Does.Contain("metric 'test_loss' \"interval\" has an unknown key 'hihg'"));

    [TestCase("method")]
    [TestCase("engine")]
    [TestCase("seeds")]
    public void A_missing_top_level_key_is_refused(string key) =>
        Assert.That(Problem(Edit(FullJson(), j => j.Remove(key))), Does.Contain($"the top level is missing \"{key}\""));

    [Test]
    public void A_missing_metric_key_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => Metric(j, MetricNames.TestLoss).Remove("sd"))), Does.Contain("metric 'test_loss' is missing \"sd\""));

    [Test]
    public void A_duplicate_key_is_refused()
    {
        var text = Canonical(FullSample.Baseline(Engines.A)).Replace("\"version\": 1", "\"version\": 1,\n  \"version\": 2", StringComparison.Ordinal);

        var error = Assert.Throws<BaselineException>(() => Baseline.Parse(text, Source))!;

        Assert.That(error.Message, Does.Contain($"Baseline {Source} is malformed: not valid JSON").And.Contain("version"));
    }

    [Test]
    public void A_negative_tolerance_is_refused()
    {
        var json = SmokeSample.Baseline(Engines.A).ToJson();
        json["metrics"]![GatedMetricNames.StepLosses]!["relative_tolerances"]![1] = -0.001;

        Assert.That(Problem(json), Does.Contain("metric 'step_losses' needs one non-negative relative tolerance per value"));
    }

    [Test]
    public void A_distribution_with_a_value_per_seed_missing_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => Metric(j, MetricNames.TestLoss)["values"]!.AsArray().RemoveAt(9))),
            Does.Contain("metric 'test_loss' has 9 values for 10 seeds"));

    [Test]
    public void Empty_metrics_are_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => j["metrics"] = new JsonObject())), Does.Contain("\"metrics\" is empty; a baseline that gates nothing would always pass"));

    [TestCase("mean", 0.35, "metric 'test_loss' mean is 0.35, but its values and α give 0.345")]
    [TestCase("sd", 0.01, "metric 'test_loss' sd is 0.01, but its values and α give 0.0302765")]
    [TestCase("n", 9, "metric 'test_loss' n is 9, but its values and α give 10")]
    public void Summary_numbers_that_do_not_follow_from_the_values_are_refused(string key, double edited, string problem) =>
        Assert.That(Problem(Edit(FullJson(), j => Metric(j, MetricNames.TestLoss)[key] = edited)), Does.Contain(problem).And.Contain("(edited by hand?)"));

    [Test]
    public void Another_alpha_than_the_interval_was_made_with_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => Metric(j, MetricNames.TestLoss)["alpha"] = 0.05)),
            Does.Contain("metric 'test_loss' interval low is 0.1725").And.Contain("but its values and α give 0.2731"));

    [TestCase("[]", "\"seeds\" is empty")]
    [TestCase("[42, 42]", "\"seeds\" lists a seed twice")]
    [TestCase("[-1]", "\"seeds\" must hold non-negative integers, found -1")]
    public void Bad_seed_lists_are_refused(string seeds, string problem) =>
        Assert.That(Problem(Edit(SmokeSample.Baseline(Engines.A).ToJson(), j => j["seeds"] = JsonNode.Parse(seeds))), Does.Contain(problem));

    [Test]
    public void An_engine_whose_id_does_not_follow_from_its_fields_is_refused() =>
        Assert.That(Problem(Edit(FullJson(), j => j["engine"]!["threads"] = 64)), Does.Contain("\"engine\" is missing, incomplete, or its \"id\" does not match its fields"));

    [Test]
    public void A_file_whose_name_names_another_experiment_is_refused()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Combine("004-copy.verified.json");
        FullSample.Baseline(Engines.A).Save(path);

        var error = Assert.Throws<BaselineException>(() => Baseline.Load(path))!;

        Assert.That(error.Message, Does.Contain("\"experiment\" is '003-lenet5' but the file name says '004-copy' (a copied file?)"));
    }

    [Test]
    public void A_missing_file_says_how_to_create_it()
    {
        using var temp = new GateTempDirectory();

        var error = Assert.Throws<BaselineException>(() => Baseline.Load(temp.Combine("003-lenet5.verified.json")))!;

        Assert.That(error.Message, Does.Contain("does not exist").And.Contain("./build.sh Reproduce --experiment 003-lenet5 --seeds 10"));
    }

    [Test]
    public void Every_malformed_file_message_says_the_gate_never_passes_on_it() =>
        Assert.That(Problem(Edit(FullJson(), j => j["version"] = 0)),
            Does.Contain("\"version\" must be a positive integer").And.EndWith("The gate never passes on a malformed baseline."));

    private static JsonObject Edit(JsonObject json, Action<JsonObject> edit)
    {
        edit(json);
        return json;
    }
}
