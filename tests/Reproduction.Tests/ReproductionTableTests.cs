using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Reporting;

namespace Repro.Reproduction.Tests;

public class ReproductionTableTests
{
    private const string NotRunReason = "the VGG16 weights are not downloaded";

    private static Experiment Reporting(string id, params ReportedNumber[] reported) =>
        Report003.LeNet5HoldOut with { Id = id, Reported = reported };

    private static ReportedNumber Accuracy(double value, int? decimals = null) =>
        new(MetricNames.TestAccuracy, value, "printed in the test", decimals);

    private static ReportDefinition Report(params Experiment[] experiments) => new()
    {
        Report = "003",
        File = "003_test.txt",
        Title = "Test report",
        Experiments = experiments,
        Noise = new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.01, [MetricNames.TestLoss] = 0.02 },
        NoiseDerivation = "Bands chosen for the test.",
    };

    private static RecordedResult Result(string profile, bool fixtureData, params double[] accuracies) =>
        new(profile, "cpu", fixtureData,
            accuracies.Select(IReadOnlyDictionary<string, double> (a) => new Dictionary<string, double> { [MetricNames.TestAccuracy] = a }).ToList(),
            "results/test/result.json", 1.0, "2.0.0");

    private static RecordedResult Full(params double[] accuracies) => Result("full", false, accuracies);

    private static string Render(ReportDefinition report, IReadOnlyDictionary<string, RecordedResult> results) =>
        ReproductionTable.Render(
            [report],
            experiment => new ExperimentStatus(experiment, results.GetValueOrDefault(experiment.Id), results.ContainsKey(experiment.Id) ? null : NotRunReason),
            "Generated for a test.");

    private static string Row(string table, string experimentId, string metric = MetricNames.TestAccuracy) =>
        table.Split('\n').Single(line => line.StartsWith($"| {experimentId} v1 |") && line.Contains($"| {metric} |"));

    private static string SummaryLine(string table) => table.Split('\n').Single(line => line.StartsWith("- **003**"));

    [Test]
    public void A_value_within_the_noise_band_is_reproduced()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.88))), new Dictionary<string, RecordedResult> { ["a"] = Full(0.889) });

        Assert.That(Row(table, "a"), Is.EqualTo("| a v1 | test_accuracy | 0.8800 | 0.8890 | +0.0090 | ±0.01 | reproduced |"));
    }

    [Test]
    public void A_value_outside_the_band_says_by_how_much()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.88))), new Dictionary<string, RecordedResult> { ["a"] = Full(0.8675) });

        Assert.That(Row(table, "a"), Is.EqualTo("| a v1 | test_accuracy | 0.8800 | 0.8675 | -0.0125 | ±0.01 | outside by 0.0025 |"));
    }

    [Test]
    public void Printed_decimals_widen_the_band_by_half_a_unit()
    {
        // 0.8904 is 0.0104 from 0.880: outside ±0.01, inside once the report's rounding to 3 decimals is allowed for.
        var results = new Dictionary<string, RecordedResult> { ["rounded"] = Full(0.8904), ["exact"] = Full(0.8904) };
        var table = Render(Report(Reporting("rounded", Accuracy(0.880, decimals: 3)), Reporting("exact", Accuracy(0.880))), results);

        Assert.That(Row(table, "rounded"), Does.EndWith("| ±0.01 (+0.0005 rounding) | reproduced |"));
        Assert.That(Row(table, "exact"), Does.EndWith("| ±0.01 | outside by 0.0004 |"));
    }

    [Test]
    public void Several_seeds_show_mean_and_sample_standard_deviation()
    {
        // Mean 0.89; deviations −0.02, −0.01, +0.03 give a sample variance of 0.0014 / 2, sd 0.026458.
        var table = Render(Report(Reporting("a", Accuracy(0.885))), new Dictionary<string, RecordedResult> { ["a"] = Full(0.87, 0.88, 0.92) });

        Assert.That(Row(table, "a"), Is.EqualTo("| a v1 | test_accuracy | 0.8850 | 0.8900 ± 0.026458 (3 seeds) | +0.0050 | ±0.01 | reproduced |"));
    }

    [Test]
    public void An_experiment_without_a_result_shows_why_it_did_not_run()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.88))), new Dictionary<string, RecordedResult>());

        Assert.That(Row(table, "a"), Does.EndWith($"| ±0.01 | not run: {NotRunReason} |"));
        Assert.That(SummaryLine(table), Does.EndWith("— 0 reproduced, 0 outside, 1 not run"));
    }

    [Test]
    public void A_smoke_result_is_never_judged()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.88))), new Dictionary<string, RecordedResult> { ["a"] = Result("smoke", fixtureData: false, 0.88) });

        Assert.That(Row(table, "a"), Does.EndWith("| not run: only a smoke result exists |"));
        Assert.That(SummaryLine(table), Does.EndWith("— 0 reproduced, 0 outside, 1 not run"));
    }

    [Test]
    public void Substitute_data_variants_and_fixture_data_are_listed_apart_and_not_compared()
    {
        var substitute = Reporting("substitute", Accuracy(0.88)) with
        {
            Data = Report003.LeNet5HoldOut.Data with { SubstituteFor = "greyscale-32" },
        };
        var variant = Reporting("variant") with { Variant = "as intended: dropout rates honoured" };
        var fixture = Reporting("fixture", Accuracy(0.88));
        var results = new Dictionary<string, RecordedResult>
        {
            ["substitute"] = Full(0.70),
            ["variant"] = Full(0.90, 0.92),
            ["fixture"] = Result("full", fixtureData: true, 0.88),
        };

        var table = Render(Report(substitute, variant, fixture), results);

        Assert.That(Row(table, "substitute"), Is.EqualTo("| substitute v1 | test_accuracy | 0.8800 | 0.7000 |  |  | not compared (substitute data) |"));
        Assert.That(Row(table, "fixture"), Does.EndWith("| not compared (fixture data) |"));
        var notCompared = table[table.IndexOf("### Runs on substitute data or as-intended variants (not compared)", StringComparison.Ordinal)..];
        Assert.That(notCompared, Does.Contain("| substitute v1 | substitute data for greyscale-32 | test_accuracy 0.7000 |"));
        Assert.That(notCompared, Does.Contain("| variant v1 | as intended: dropout rates honoured | test_accuracy 0.9100 ± 0.014142 (2 seeds) |"));
        Assert.That(notCompared, Does.Contain("| fixture v1 | fixture data: the result was computed on the small test fixture, not the real data set | test_accuracy 0.8800 |"));
        Assert.That(SummaryLine(table), Does.EndWith("— 0 reproduced, 0 outside, 0 not run, 1 not compared (fixture data), 1 not compared (substitute data)"));
    }

    [Test]
    public void The_summary_line_counts_printed_numbers_by_verdict()
    {
        var report = Report(
            Reporting("a", Accuracy(0.88), new ReportedNumber(MetricNames.TestLoss, 0.33, "printed"), new ReportedNumber(MetricNames.EpochsRan, 10, "printed")),
            Reporting("b", Accuracy(0.88)),
            Reporting("c", Accuracy(0.88)),
            Reporting("d", Accuracy(0.88)));
        // a: accuracy reproduced, loss not measured, epochs without a band; b reproduced; c outside; d not run.
        var results = new Dictionary<string, RecordedResult>
        {
            ["a"] = new("full", "cpu", false, [new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.88, [MetricNames.EpochsRan] = 10 }], "results/a.json", 1.0, "2.0.0"),
            ["b"] = Full(0.885),
            ["c"] = Full(0.80),
        };

        var table = Render(report, results);

        Assert.That(SummaryLine(table), Is.EqualTo("- **003** Test report — 2 reproduced, 1 outside, 1 not run, 1 not measured, 1 no band"));
        Assert.That(Row(table, "a", MetricNames.EpochsRan), Is.EqualTo("| a v1 | epochs_ran | 10 | 10 | 0 |  | no band |"));
        Assert.That(Row(table, "a", MetricNames.TestLoss), Does.EndWith("| ±0.02 | not measured |"));
    }

    [Test]
    public void Cells_escape_pipes_and_the_group_column_appears_only_when_used()
    {
        var grouped = Reporting("a", Accuracy(0.88)) with { Group = "Batch | size table" };

        var table = Render(Report(grouped), new Dictionary<string, RecordedResult>());

        Assert.That(table, Does.Contain("| experiment | group | metric | reported | reproduced | difference | band | verdict |"));
        Assert.That(Row(table, "a"), Does.StartWith(@"| a v1 | Batch \| size table | test_accuracy |"));
    }
}
