using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Gate.Tests;

/// <summary>
/// A cross-validation that ran one seed (report 004's final run: five trainings of 60,000 steps) has no spread over seeds;
/// its baseline takes the spread from the seed's folds. Checked: the intervals against closed forms worked out without
/// Repro, the received baseline, its file round trip and hand edits, and the gate in both modes.
/// </summary>
[TestFixture]
public sealed class FoldSpreadTests
{
    private static readonly double[] Accuracy = [0.9139, 0.9145, 0.9085, 0.9174, 0.9058];
    private static readonly double[] Loss = [0.3705, 0.3931, 0.4103, 0.4024, 0.4112];
    private static readonly double[] MacroF1 = [0.9130, 0.9141, 0.9080, 0.9170, 0.9050];

    private static readonly GateSubject CrossValidated = new(GateWorkspace.Id, 1, GateWorkspace.DefinitionHash, "full", "cpu",
        [MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss, MetricNames.CvMeanMacroF1]);

    private static double Mean(double[] values) => values.Average();

    private static double PopulationStd(double[] values) => Math.Sqrt(values.Sum(v => (v - Mean(values)) * (v - Mean(values))) / values.Length);

    private static double SampleSd(double[] values) => Math.Sqrt(values.Sum(v => (v - Mean(values)) * (v - Mean(values))) / (values.Length - 1));

    /// <summary>One seed, five folds; the seed's metrics as <see cref="ExperimentMetrics"/> makes them, <paramref name="changes"/> applied.</summary>
    private static ResultJson OneSeed(Reproduction.Engine.EngineFingerprint engine, Dictionary<string, double>? changes = null)
    {
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.CvMeanAccuracy] = Mean(Accuracy),
            [MetricNames.CvStdAccuracy] = PopulationStd(Accuracy),
            [MetricNames.CvMeanLoss] = Mean(Loss),
            [MetricNames.CvMeanMacroF1] = Mean(MacroF1),
        };
        foreach (var (name, value) in changes ?? []) metrics[name] = value;
        var result = new ResultJson { Engine = engine }.Seed(42, metrics);
        for (var fold = 0; fold < Accuracy.Length; fold++) result.Fold(42, fold, Accuracy[fold], Loss[fold], MacroF1[fold]);
        return result;
    }

    private static Baseline AcceptedOn(Reproduction.Engine.EngineFingerprint engine)
    {
        using var workspace = new GateWorkspace().Result(OneSeed(engine));
        var first = workspace.Run(CrossValidated);
        Assert.That(first.ReceivedPath, Is.Not.Null, first.Message);
        return workspace.Received();
    }

    [Test]
    public void The_F_quantile_inverts_the_closed_form_of_F_4_4()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FisherF.Quantile(0.975, 4, 4), Is.EqualTo(ReferenceValues.F0975Df4x4).Within(1e-11));
            Assert.That(FisherF.Quantile(FalseAlarmBudget.PerMetricAlpha / 2, 4, 4), Is.EqualTo(ReferenceValues.FBudgetLowDf4x4).Within(1e-14));
            Assert.That(FisherF.Quantile(1 - (FalseAlarmBudget.PerMetricAlpha / 2), 4, 4), Is.EqualTo(ReferenceValues.FBudgetHighDf4x4).Within(1e-9));
            // F(2, 2) has P(F ≤ f) = f / (1 + f), so its p-quantile is p / (1 − p).
            Assert.That(FisherF.Quantile(0.9, 2, 2), Is.EqualTo(9.0).Within(1e-12));
        });
    }

    [Test]
    public void A_mean_over_folds_gets_value_plus_minus_t_times_the_fold_sd_times_root_two_over_k()
    {
        var interval = PredictionInterval.OfFoldMean(0.912, new Sample(Accuracy), FalseAlarmBudget.PerMetricAlpha, MetricRange.Of(MetricNames.CvMeanAccuracy));

        var half = ReferenceValues.TBudgetDf4 * SampleSd(Accuracy) * Math.Sqrt(2.0 / 5);
        Assert.Multiple(() =>
        {
            Assert.That(interval.Low, Is.EqualTo(0.912 - half).Within(1e-12));
            Assert.That(interval.High, Is.EqualTo(0.912 + half).Within(1e-12));
        });
    }

    [Test]
    public void A_spread_over_folds_gets_the_F_interval_of_its_variance()
    {
        var interval = PredictionInterval.OfFoldSpread(0.004, 5, FalseAlarmBudget.PerMetricAlpha, MetricRange.Of(MetricNames.CvStdAccuracy));

        Assert.Multiple(() =>
        {
            Assert.That(interval.Low, Is.EqualTo(0.004 * Math.Sqrt(ReferenceValues.FBudgetLowDf4x4)).Within(1e-15));
            Assert.That(interval.High, Is.EqualTo(0.004 * Math.Sqrt(ReferenceValues.FBudgetHighDf4x4)).Within(1e-12));
        });
    }

    [Test]
    public void A_one_seed_cross_validation_makes_a_baseline_from_its_folds()
    {
        var received = AcceptedOn(Engines.A);

        var mean = (FoldSpreadMetric)received.Metrics[MetricNames.CvMeanLoss];
        var spread = (FoldSpreadMetric)received.Metrics[MetricNames.CvStdAccuracy];
        Assert.Multiple(() =>
        {
            Assert.That(received.Seeds, Is.EqualTo(new ulong[] { 42 }));
            Assert.That(received.Metrics.Keys, Is.EquivalentTo(CrossValidated.MetricNames));
            Assert.That(received.Method, Does.StartWith("One seed ran, so each interval comes from its folds"));
            Assert.That(mean.Statistic, Is.EqualTo(FoldStatistic.Mean));
            Assert.That(mean.Folds, Is.EqualTo(Loss));
            Assert.That(mean.Exact, Is.EqualTo(new[] { Mean(Loss) }));
            Assert.That(mean.Interval.High - Mean(Loss), Is.EqualTo(ReferenceValues.TBudgetDf4 * SampleSd(Loss) * Math.Sqrt(0.4)).Within(1e-12));
            Assert.That(spread.Statistic, Is.EqualTo(FoldStatistic.StandardDeviation));
            Assert.That(spread.Folds, Is.EqualTo(Accuracy));
            Assert.That(((FoldSpreadMetric)received.Metrics[MetricNames.CvMeanMacroF1]).Folds, Is.EqualTo(MacroF1));
        });
    }

    [Test]
    public void The_fold_baseline_round_trips_through_its_file()
    {
        var received = AcceptedOn(Engines.A);
        using var temp = new GateTempDirectory();
        var path = temp.Combine("003-lenet5.verified.json");
        received.Save(path);

        var read = Baseline.Load(path);

        Assert.That(read.ToJson().ToJsonString(), Is.EqualTo(received.ToJson().ToJsonString()));
    }

    [TestCase("statistic", "median", "it must be 'mean' or 'std'")]
    [TestCase("interval.low", "0.1", "interval low is 0.1")]
    [TestCase("seeds", "two seeds", "stand in for the spread of seeds only in a single-seed baseline")]
    public void A_hand_edited_fold_metric_is_rejected(string field, string value, string problem)
    {
        var json = AcceptedOn(Engines.A).ToJson();
        var metric = json["metrics"]![MetricNames.CvMeanLoss]!.AsObject();
        switch (field)
        {
            case "statistic": metric["statistic"] = value; break;
            case "interval.low": metric["interval"]!["low"] = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default:
                json["seeds"] = new System.Text.Json.Nodes.JsonArray(42, 1);
                foreach (var (_, node) in json["metrics"]!.AsObject()) node!["values"]!.AsArray().Add(0.5);
                break;
        }

        using var temp = new GateTempDirectory();
        var path = temp.Write("003-lenet5.verified.json", json.ToJsonString());

        var error = Assert.Throws<BaselineException>(() => Baseline.Load(path))!;
        Assert.That(error.Message, Does.Contain("is malformed").And.Contain(problem));
    }

    [Test]
    public void On_its_own_platform_the_one_seed_is_reproduced_bit_for_bit()
    {
        using var workspace = new GateWorkspace().Verified(AcceptedOn(Engines.A))
            .Result(OneSeed(Engines.A, new() { [MetricNames.CvMeanLoss] = Mean(Loss) + 1e-15 }));

        var outcome = workspace.Run(CrossValidated);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Report!.Mode, Is.EqualTo(GateMode.Exact));
            Assert.That(outcome.Report.BreachLines.Single(), Does.StartWith("BREACH 003-lenet5 cv_mean_loss (exact)"));
        });
    }

    [Test]
    public void On_another_platform_a_mean_inside_the_fold_interval_passes_and_one_outside_fails()
    {
        var baseline = AcceptedOn(Engines.A);
        var high = baseline.Metrics[MetricNames.CvMeanAccuracy] is FoldSpreadMetric m ? m.Interval.High : double.NaN;
        using var inside = new GateWorkspace().Verified(baseline).Result(OneSeed(Engines.B, new() { [MetricNames.CvMeanAccuracy] = high - 1e-9 }));
        using var outside = new GateWorkspace().Verified(baseline).Result(OneSeed(Engines.B, new() { [MetricNames.CvMeanAccuracy] = high + 1e-6 }));

        var passed = inside.Run(CrossValidated);
        var failed = outside.Run(CrossValidated);

        Assert.Multiple(() =>
        {
            Assert.That(passed.Passed, Is.True, passed.Message);
            Assert.That(passed.Report!.Mode, Is.EqualTo(GateMode.Statistical));
            Assert.That(passed.Message, Does.Contain("(one seed's 5 folds, fold sd "));
            Assert.That(failed.Passed, Is.False);
            Assert.That(failed.Report!.BreachLines.Single(), Does.StartWith("BREACH 003-lenet5 cv_mean_accuracy (statistical)").And.Contain("above)"));
        });
    }

    [Test]
    public void A_missing_result_outside_the_test_budget_is_not_run_and_inside_it_fails()
    {
        using var workspace = new GateWorkspace().Verified(AcceptedOn(Engines.A));

        var outside = workspace.Run(CrossValidated with { ResultRequired = false });
        var inside = workspace.Run(CrossValidated);

        Assert.Multiple(() =>
        {
            Assert.That(outside.NotRun, Is.True);
            Assert.That(outside.Passed, Is.False);
            Assert.That(outside.Message, Does.StartWith("NOT RUN 003-lenet5: no full result at ").And.Contain("./build.sh Reproduce --experiment 003-lenet5 --profile full"));
            Assert.That(GateSummary.Render([outside]), Does.Contain("| 003-lenet5 | | | | | ⏭ NOT RUN 003-lenet5"));
            Assert.That(inside.NotRun, Is.False);
            Assert.That(inside.Passed, Is.False);
            Assert.That(inside.Message, Does.StartWith("FAIL 003-lenet5: no result file at "));
        });
    }

    [Test]
    public void A_one_seed_hold_out_result_still_makes_no_baseline()
    {
        using var workspace = new GateWorkspace().Result(new ResultJson().Seed(42, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.9 }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.That(outcome.Message, Does.Contain("a full baseline is a distribution over seeds, and the result has one seed"));
    }
}
