using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Every architecture of every report, built from its definition with Repro's
/// layers, has the parameter count its report printed (or, where none was printed, the count the
/// definition derives by hand).
/// </summary>
public class ArchitectureTests
{
    private static IEnumerable<TestCaseData> Architectures() =>
        ExperimentRegistry.Architectures.Select(a => new TestCaseData(a).SetName($"Parameters({a.Name})"));

    [TestCaseSource(nameof(Architectures))]
    public void Parameter_count_matches_the_report(Architecture architecture)
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(architecture.Layers, architecture.InputShape, generator);

        var expectedTotal = architecture.PrintedTotal ?? architecture.Derived;
        Assert.That(expectedTotal, Is.Not.Null, "an architecture needs a printed or a derived count");
        Assert.That(model.ParameterCount, Is.EqualTo(expectedTotal), "total parameters");
        if (architecture.PrintedNonTrainable is { } nonTrainable)
            Assert.That(model.ParameterCount - model.TrainableParameterCount, Is.EqualTo(nonTrainable), "non-trainable parameters (BatchNormalization moving statistics)");
    }

    [Test]
    public void Every_report_contributes_architectures_named_after_it()
    {
        var problems = from report in ExperimentRegistry.Reports
                       where report.Architectures.Count == 0 || report.Architectures.Any(a => !a.Name.StartsWith(report.Report + " ", StringComparison.Ordinal))
                       select report.Report;
        Assert.That(problems, Is.Empty);
    }
}
