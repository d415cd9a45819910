using Repro.Experiments;
using Repro.Reproduction.Data;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>The registry as a whole: every run of the reports, each reporting only metrics its protocol produces.</summary>
public class RegistryTests
{
    [Test]
    public void Every_run_of_the_four_reports_is_registered_once()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ExperimentRegistry.Reports.Select(r => (r.Report, r.Experiments.Count)),
                Is.EqualTo(new[] { ("001", 4), ("002", 51), ("003", 5), ("004", 32) }));
            Assert.That(ExperimentRegistry.All.Select(e => e.Id), Is.Unique);
            Assert.That(ExperimentRegistry.All.Where(e => !e.Id.StartsWith(e.Source.Report + "-", StringComparison.Ordinal)).Select(e => e.Id), Is.Empty);
        });
    }

    [Test]
    public void Every_experiment_reads_a_known_dataset()
    {
        var known = DatasetCatalog.All.Select(m => m.Id).Append("cifar-10-grey").ToHashSet();
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
    public void Experiments_not_on_substitute_data_report_numbers_and_every_reported_metric_has_a_noise_band_or_is_a_fold()
    {
        var unbanded = from report in ExperimentRegistry.Reports
                       from e in report.Experiments
                       from r in e.Reported
                       where !report.Noise.ContainsKey(r.Metric) && !r.Metric.StartsWith("cv_fold", StringComparison.Ordinal)
                       select $"{e.Id}: {r.Metric}";
        Assert.Multiple(() =>
        {
            Assert.That(ExperimentRegistry.All.Where(e => e.Variant is null && e.Reported.Count == 0).Select(e => e.Id), Is.Empty);
            Assert.That(unbanded, Is.Empty);
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
