using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>What the registry's experiments gate; the fixtures' subjects must mirror it.</summary>
[TestFixture]
public sealed class GatedMetricNamesTests
{
    [Test]
    public void The_fixture_subjects_are_what_the_registry_makes_of_a_hold_out_experiment()
    {
        var experiment = ExperimentRegistry.Find(GateWorkspace.Id);

        Assert.Multiple(() =>
        {
            Assert.That(GateSubject.Of(experiment, "full", "cpu").MetricNames, Is.EqualTo(GateWorkspace.Full.MetricNames));
            Assert.That(GateSubject.Of(experiment, "smoke", "cpu").MetricNames, Is.EqualTo(GateWorkspace.Smoke.MetricNames));
        });
    }

    [Test]
    public void A_cross_validation_gates_its_fold_statistics()
    {
        var crossValidation = ExperimentRegistry.All.First(e => e.Protocol is CrossValidation);

        Assert.Multiple(() =>
        {
            Assert.That(GatedMetricNames.For(crossValidation, "full"),
                Is.EqualTo(new[] { MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss, MetricNames.CvMeanMacroF1 }));
            Assert.That(GatedMetricNames.For(crossValidation, "smoke"), Is.EqualTo(new[] { GatedMetricNames.StepLosses, MetricNames.CvMeanLoss }));
        });
    }
}
