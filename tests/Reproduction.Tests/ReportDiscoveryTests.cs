using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Runs;
using Repro.Torch;

namespace Repro.Reproduction.Tests;

/// <summary>Reports are found by discovery in the assemblies given: a new report is its own file and nothing else.</summary>
public class ReportDiscoveryTests
{
    private static readonly System.Reflection.Assembly Experiments = typeof(ExperimentRegistry).Assembly;

    [Test]
    public void A_report_in_one_file_of_another_assembly_is_discovered_built_and_estimated()
    {
        var reports = ExperimentRegistry.Discover(Experiments, typeof(Report990).Assembly);
        var added = reports.Single(r => r.Report == "990");
        var architecture = added.Architectures.Single();
        using var generator = new Generator(1);
        using var model = KerasModel.Build(architecture.Layers, architecture.InputShape, generator);
        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => r.Report), Is.EqualTo(ExperimentRegistry.Reports.Select(r => r.Report).Append("990").Append("991")), "report order");
            Assert.That(added.Experiments.Select(e => e.Id), Is.EqualTo(new[] { "990-small-cnn-holdout" }));
            Assert.That(model.ParameterCount, Is.EqualTo(architecture.PrintedTotal));
            Assert.That(TimeEstimate.Of(added.Experiments[0]), Is.GreaterThan(TimeSpan.Zero));
            Assert.That(ExperimentRegistry.Reports.Select(r => r.Report), Does.Not.Contain("990"), "the product discovers its own assembly only");
        });
    }

    [Test]
    public void A_report_id_defined_twice_is_an_error_naming_both_classes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExperimentRegistry.Discover(Experiments, Experiments));
        Assert.That(error!.Message, Does.Contain("Report 001 is defined by Report001 and Report001").And.Contain("its own report id"));
    }
}
