using System.Reflection;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Tests;

/// <summary>The registry as a whole: every run of the reports, each reporting only metrics its protocol produces.</summary>
public class RegistryTests
{
    /// <summary>A shuffled split's seed is part of what ran, so the definition (and its hash) must hold it.</summary>
    [Test]
    public void Every_shuffled_cross_validation_names_its_seed_in_the_definition()
    {
        var shuffled = ExperimentRegistry.All.Where(e => e.Protocol is CrossValidation { Shuffle: true }).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(shuffled.Select(e => e.Id), Does.Contain("001-cnn-cv").And.Contain("001-cnn-cv-digits-subset"));
            Assert.That(shuffled.Where(e => ((CrossValidation)e.Protocol).RandomState is null).Select(e => e.Id), Is.Empty);
            Assert.That(((CrossValidation)Report001.CrossValidationRun.Protocol).RandomState, Is.EqualTo(42));
        });
    }

    [Test]
    public void Every_report_and_every_run_is_registered_once()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ExperimentRegistry.Reports, Is.Not.Empty);
            Assert.That(ExperimentRegistry.Reports.Select(r => r.Report), Is.Unique.And.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(ExperimentRegistry.Reports.Where(r => r.Experiments.Count == 0).Select(r => r.Report), Is.Empty, "a report without experiments");
            Assert.That(ExperimentRegistry.Reports.SelectMany(r => r.Experiments.Where(e => e.Source.Report != r.Report).Select(e => $"{r.Report}: {e.Id}")), Is.Empty,
                "an experiment listed by another report than its source's");
            Assert.That(ExperimentRegistry.All.Select(e => e.Id), Is.Unique);
            Assert.That(ExperimentRegistry.All.Where(e => !e.Id.StartsWith(e.Source.Report + "-", StringComparison.Ordinal)).Select(e => e.Id), Is.Empty);
        });
    }

    [Test]
    public void Every_class_that_defines_a_report_is_discovered()
    {
        // A class exposing a ReportDefinition without implementing IReportDefinitions would be silently left out.
        var defined = from type in typeof(ExperimentRegistry).Assembly.GetTypes()
                      where type.IsClass
                      from property in type.GetProperties(BindingFlags.Public | BindingFlags.Static)
                      where property.PropertyType == typeof(ReportDefinition)
                      select ((ReportDefinition)property.GetValue(null)!).Report;
        Assert.That(ExperimentRegistry.Reports.Select(r => r.Report).ToList(), Is.EqualTo(defined.Order(StringComparer.Ordinal).ToList()));
    }

    [Test]
    public void The_cpu_test_budget_is_what_the_test_target_can_train_and_gate()
    {
        // ./build.sh Test trains the budget in two lanes and gates each run against its full CPU baseline: a run in the
        // budget without a baseline fails the gate. A baseline outside the budget (report 004's) is gated only when its
        // result is there, so it may exist without the Test target producing it.
        var budget = ExperimentRegistry.All.Where(e => e.InCpuTestBudget).ToList();
        var baselines = Directory.GetFiles(RepositoryPaths.BaselineFolder("cpu", "full"), "*.verified.json")
            .Select(path => Path.GetFileName(path)[..^".verified.json".Length]);
        Assert.Multiple(() =>
        {
            Assert.That(budget, Has.Count.GreaterThanOrEqualTo(2), "the Test target's two lanes need two runs or more");
            Assert.That(budget.Select(e => e.Id), Is.SubsetOf(baselines));
            Assert.That(budget.Where(e => e.Weights.Count > 0).Select(e => e.Id), Is.Empty, "pretrained weights are not fetched by the Test target");
        });
    }

    [Test]
    public void Every_experiment_reads_a_known_dataset()
    {
        var known = DatasetRegistry.All.Select(d => d.Id).ToHashSet();
        Assert.That(ExperimentRegistry.All.Where(e => !known.Contains(e.Data.DatasetId)).Select(e => e.Id), Is.Empty);
    }

    [Test]
    public void Every_reported_number_names_a_metric_its_protocol_produces()
    {
        var holdOut = new HashSet<string>
        {
            MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1, MetricNames.TestMacroPrecision, MetricNames.TestMacroRecall,
            MetricNames.FinalTrainAccuracy, MetricNames.FinalTrainLoss, MetricNames.FinalValidationAccuracy, MetricNames.FinalValidationLoss, MetricNames.EpochsRan,
        };
        var wrong = from e in ExperimentRegistry.All
                    from r in e.Reported
                    let produced = e.Protocol is CrossValidation cv
                        ? new HashSet<string>(new[] { MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss, MetricNames.CvMeanMacroF1 }
                            .Concat(Enumerable.Range(1, cv.Folds).SelectMany(k => new[] { MetricNames.CvFoldAccuracy(k), MetricNames.CvFoldLoss(k) })))
                        : holdOut
                    where !produced.Contains(r.Metric)
                    select $"{e.Id}: {r.Metric}";
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Experiments_not_on_substitute_data_report_numbers() =>
        Assert.That(ExperimentRegistry.All.Where(e => e.Variant is null && e.Reported.Count == 0).Select(e => e.Id), Is.Empty);

    [Test]
    public void Every_report_spread_serves_a_judged_number_and_rests_on_repeats()
    {
        // A spread for a metric no judged experiment prints would never be used; one without a repeat behind it is no spread.
        var problems = from report in ExperimentRegistry.Reports
                       let judged = report.Experiments.Where(e => e.Variant is null && e.Data.SubstituteFor is null).SelectMany(e => e.Reported).Select(r => r.Metric).ToHashSet()
                       from pair in report.Spread
                       where !judged.Contains(pair.Key)
                             || !(double.IsFinite(pair.Value.StandardDeviation) && pair.Value.StandardDeviation > 0)
                             || pair.Value.Configurations < 1 || pair.Value.DegreesOfFreedom < 1
                             || string.IsNullOrWhiteSpace(pair.Value.Source)
                       select $"{report.Report}: {pair.Key}";
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Reports_001_and_003_take_their_spreads_from_their_folds()
    {
        // 001 printed each fold's accuracy; 003 only np.std over its five folds (ddof 0), which √(5/4) makes ddof 1.
        var folds001 = new Sample([.. Report001.CrossValidationRun.Reported.Where(r => r.Metric.StartsWith("cv_fold", StringComparison.Ordinal)).Select(r => r.Value)]);
        var spread001 = Report001.Definition.Spread;
        var spread003 = Report003.Definition.Spread;
        Assert.Multiple(() =>
        {
            Assert.That(folds001.Count, Is.EqualTo(5));
            Assert.That(spread001[MetricNames.TestAccuracy].StandardDeviation, Is.EqualTo(folds001.StandardDeviation).Within(1e-12));
            Assert.That(spread001[MetricNames.CvFoldAccuracy(4)], Is.EqualTo(spread001[MetricNames.TestAccuracy]));
            Assert.That(spread001[MetricNames.CvMeanAccuracy].StandardDeviation, Is.EqualTo(folds001.StandardDeviation / Math.Sqrt(5)).Within(1e-12));
            Assert.That(spread001[MetricNames.TestLoss].StandardDeviation, Is.EqualTo(0.0130222).Within(1e-7), "the sample sd of the printed fold losses");
            Assert.That(spread001.Keys, Has.None.Contains("macro").And.No.EqualTo(MetricNames.CvStdAccuracy), "the report shows no spread of these");
            Assert.That(spread003[MetricNames.TestAccuracy].StandardDeviation, Is.EqualTo(0.0037300131458).Within(1e-12));
            Assert.That(spread003[MetricNames.CvMeanAccuracy].StandardDeviation, Is.EqualTo(0.0016681125902).Within(1e-12));
            Assert.That(spread003.Keys, Is.EquivalentTo(new[] { MetricNames.TestAccuracy, MetricNames.CvMeanAccuracy }));
        });
    }

    [Test]
    public void Report_004s_repeats_of_the_final_configuration_share_their_trainings()
    {
        var final = ExperimentRegistry.Find("004-final-cv");
        var sameAsFinal = ExperimentRegistry.All.Where(e => e.Id != final.Id && CanonicalDefinition.Hash(e) == CanonicalDefinition.Hash(final)).Select(e => e.Id);
        Assert.That(sameAsFinal, Is.EquivalentTo(new[]
        {
            "004-k-5", "004-epochs-20", "004-batch-16", "004-kernel-3x3", "004-hidden-128", "004-dropout-0.6", "004-loss-sparse", "004-batchnorm-on",
        }));
    }
}
