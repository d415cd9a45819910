using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>What the registry's experiments gate; the fixtures' subjects must mirror it.</summary>
[TestFixture]
public sealed class GatedMetricsTests
{
    [Test]
    public void The_fixture_subjects_are_what_the_registry_makes_of_a_hold_out_experiment()
    {
        var experiment = ExperimentRegistry.Find(GateWorkspace.Id);

        Assert.Multiple(() =>
        {
            Assert.That(GateSubject.Of(experiment, "full", "cpu").Metrics, Is.EqualTo(GateWorkspace.Full.Metrics));
            Assert.That(GateSubject.Of(experiment, "smoke", "cpu").Metrics, Is.EqualTo(GateWorkspace.Smoke.Metrics));
        });
    }

    [Test]
    public void A_cross_validation_gates_its_fold_statistics()
    {
        var crossValidation = ExperimentRegistry.All.First(e => e.Protocol is CrossValidation);

        Assert.Multiple(() =>
        {
            Assert.That(GatedMetrics.For(crossValidation, "full"),
                Is.EqualTo(new[] { MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss, MetricNames.CvMeanMacroF1 }));
            Assert.That(GatedMetrics.For(crossValidation, "smoke"), Is.EqualTo(new[] { GatedMetrics.StepLosses, MetricNames.CvMeanLoss }));
        });
    }
}
