using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Reporting;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The reproduction table's verdicts. Expected t, degrees of freedom and p were computed once with
/// scipy 1.10 (scipy.stats.t.sf, ttest_ind(equal_var=False), f.cdf), independently of Repro's code;
/// the formulas are repeated beside each case.
/// </summary>
public class ReproductionTableTests
{
    private const string NotRunReason = "the VGG16 weights are not downloaded";

    /// <summary>Report 003's fold spread: np.std 0.003336225180424349 over 5 folds, made ddof 1.</summary>
    private static readonly double FoldSpread = 0.003336225180424349 * Math.Sqrt(5.0 / 4);

    private static Experiment Reporting(string id, params ReportedNumber[] reported) =>
        Report003.LeNet5HoldOut with { Id = id, Reported = reported };

    private static ReportedNumber Printed(string metric, double value, int? decimals = null) => new(metric, value, "printed in the test", decimals);

    private static ReportedNumber Accuracy(double value, int? decimals = null) => Printed(MetricNames.TestAccuracy, value, decimals);

    private static ReportDefinition Report(params Experiment[] experiments) => new()
    {
        Report = "003",
        File = "003_test.txt",
        Title = "Test report",
        Experiments = experiments,
        Architectures = [],
        Spread = new Dictionary<string, ReportedSpread> { [MetricNames.TestAccuracy] = new(FoldSpread, 5, "the test's five folds") },
    };

    private static ResultFile Result(string profile, bool fixtureData, params IReadOnlyDictionary<string, double>[] seeds) =>
        new("results/test/result.json", "test", 1, "hash", profile, "cpu", fixtureData,
            seeds.Select((metrics, i) => new SeedResult((ulong)i, metrics)).ToList(), [], null, 1.0, new ResultProvenance(null, false, null, new Dictionary<string, string>()));

    /// <summary>A full result whose seeds measured <paramref name="metric"/> as <paramref name="values"/>, one seed a value.</summary>
    private static ResultFile Full(string metric, params double[] values) =>
        Result("full", false, values.Select(IReadOnlyDictionary<string, double> (v) => new Dictionary<string, double> { [metric] = v }).ToArray());

    private static ResultFile FullAccuracy(params double[] values) => Full(MetricNames.TestAccuracy, values);

    private static string Render(ReportDefinition report, IReadOnlyDictionary<string, ResultFile> results) =>
        ReproductionTable.Render(
            ReproductionTable.Sections(
                [report],
                experiment => new ExperimentStatus(experiment, results.GetValueOrDefault(experiment.Id), results.ContainsKey(experiment.Id) ? null : NotRunReason)),
            "Generated for a test.");

    private static string Row(string table, string experimentId, string metric = MetricNames.TestAccuracy) =>
        table.Split('\n').Single(line => line.StartsWith($"| {experimentId} v1 |") && line.Contains($"| {metric} |"));

    private static string[] LinesOf(string table, string experimentId) =>
        table.Split('\n').Where(line => line.StartsWith($"| {experimentId} v1 |")).ToArray();

    /// <summary>The not-judged lines that name the experiment: its own line, or its reason's group.</summary>
    private static string[] NotJudgedLines(string table, string experimentId) =>
        table.Split('\n').Where(line => Regex.IsMatch(line, $@"^- {Regex.Escape(experimentId)} v1 — |^- .*(: |, ){Regex.Escape(experimentId)} v1 \(about ")).ToArray();

    private static string SummaryLine(string table) => table.Split('\n').Single(line => line.StartsWith("- **003**"));

    // Ten seeds around 0.8807 against a printed 0.8817 and the report's fold spread σ_K (4 df):
    // SE² = σ_K² + s²/n, df = (σ_K² + s²/n)² / (σ_K⁴/4 + (s²/n)²/9).
    private static readonly double[] TenSeeds = [0.8790, 0.8842, 0.8801, 0.8765, 0.8833, 0.8812, 0.8779, 0.8850, 0.8795, 0.8806];

    [Test]
    public void A_printed_number_is_tested_against_the_reports_spread_and_the_seeds_spread()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.8817))), new Dictionary<string, ResultFile> { ["a"] = FullAccuracy(TenSeeds) });

        // Mean 0.88073, sd 0.0027471; t 0.25327, df 4.4399, p 0.81136; 7 of the 10 seeds lie below 0.8817.
        Assert.That(Row(table, "a"), Is.EqualTo(
            "| a v1 | test_accuracy | 0.8817 | 0.88073 ± 0.002747 (10) | 70% | σ_K 0.00373 (report, 5 draws) | t 0.25, df 4.4 | consistent (p 0.81) |"));
    }

    [Test]
    public void The_test_statistic_matches_scipy()
    {
        var seeds = new Sample(TenSeeds);
        var test = MeanDifferenceTest.Of(0.8817 - seeds.Mean, [new(FoldSpread * FoldSpread, 4), VarianceTerm.OfMean(seeds)]);

        Assert.Multiple(() =>
        {
            Assert.That(test.T, Is.EqualTo(0.253274275958).Within(1e-9));
            Assert.That(test.DegreesOfFreedom, Is.EqualTo(4.439904252620).Within(1e-9));
            Assert.That(test.P, Is.EqualTo(0.81135829683).Within(1e-9));
        });
    }

    [Test]
    public void Without_a_report_spread_the_seeds_spread_stands_in_and_the_row_says_so()
    {
        // σ_R for σ_K: SE = s·√(1 + 1/n) on n − 1 df. Mean 0.31145, sd 0.0031775: t 5.4749, df 3, p 0.011981.
        var table = Render(Report(Reporting("a", Printed(MetricNames.TestLoss, 0.3309))),
            new Dictionary<string, ResultFile> { ["a"] = Full(MetricNames.TestLoss, 0.3102, 0.3155, 0.3080, 0.3121) });

        Assert.That(Row(table, "a", MetricNames.TestLoss), Is.EqualTo(
            "| a v1 | test_loss | 0.3309 | 0.31145 ± 0.003178 (4) | 100% | σ_R (the report shows none) | t 5.47, df 3 | inconsistent (p 0.012) |"));
        Assert.That(table, Does.Contain("a metric not listed is tested with Repro's seed spread alone (σ_R stands in for σ_K)"));
        Assert.That(table, Does.Contain("| test_accuracy | 0.00373 | 5 | 4 | the test's five folds |"));
    }

    [Test]
    public void A_printed_rounding_widens_the_standard_error_but_not_the_degrees_of_freedom()
    {
        // Seeds 0.8808, 0.8811, 0.8809, 0.8812 (mean 0.881, sd 0.00018257) against 0.880. Printed to 3 decimals the number
        // may have been anything within ±0.0005: SE² gains 0.0005²/3, t −2.8284 on 3 df, p 0.066276. Printed in full: t −4.899, p 0.016277.
        double[] seeds = [0.8808, 0.8811, 0.8809, 0.8812];
        var results = new Dictionary<string, ResultFile> { ["rounded"] = FullAccuracy(seeds), ["exact"] = FullAccuracy(seeds) };
        var report = Report(Reporting("rounded", Accuracy(0.880, decimals: 3)), Reporting("exact", Accuracy(0.880))) with { Spread = new Dictionary<string, ReportedSpread>() };

        var table = Render(report, results);

        Assert.That(Row(table, "rounded"), Does.EndWith("| t -2.83, df 3 | consistent (p 0.066) |"));
        Assert.That(Row(table, "exact"), Does.EndWith("| t -4.90, df 3 | inconsistent (p 0.016) |"));
        Assert.That(table, Does.Contain("The report shows no run-to-run spread of its own"));
    }

    [Test]
    public void Every_seed_equal_without_a_spread_is_judged_by_equality()
    {
        var report = Report(Reporting("same", Printed(MetricNames.EpochsRan, 10)), Reporting("other", Printed(MetricNames.EpochsRan, 12)));
        var results = new Dictionary<string, ResultFile> { ["same"] = Full(MetricNames.EpochsRan, 10, 10, 10), ["other"] = Full(MetricNames.EpochsRan, 10, 10, 10) };

        var table = Render(report, results);

        Assert.That(Row(table, "same", MetricNames.EpochsRan), Is.EqualTo(
            "| same v1 | epochs_ran | 10 | 10 ± 0 (3) | 50% | σ_R (the report shows none) | none: every seed gave the same value | consistent (equal) |"));
        Assert.That(Row(table, "other", MetricNames.EpochsRan), Does.EndWith("| 100% | σ_R (the report shows none) | none: every seed gave the same value | inconsistent (differs) |"));
    }

    [Test]
    public void One_seed_is_not_judged_and_the_reason_says_how_to_run_more()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.88), Printed(MetricNames.TestLoss, 0.33))), new Dictionary<string, ResultFile> { ["a"] = FullAccuracy(0.8803) });

        Assert.That(NotJudgedLines(table, "a"), Is.EqualTo(new[]
        {
            "- a v1 — one seed ran, and one draw has no spread to test with: run ./build.sh Reproduce --experiment a --seeds 10: test_accuracy 0.8803 (1)",
        }));
        Assert.That(SummaryLine(table), Does.EndWith("— 0 consistent, 0 inconsistent, 2 not judged (2 one seed)"));
    }

    [Test]
    public void A_not_run_experiment_gets_one_reason_line_not_a_row_per_number()
    {
        var experiment = Reporting("a", Accuracy(0.88), Printed(MetricNames.TestLoss, 0.33), Printed(MetricNames.FinalValidationAccuracy, 0.88));

        var table = Render(Report(experiment), new Dictionary<string, ResultFile>());

        Assert.That(NotJudgedLines(table, "a"), Has.One.Match($@"^- not run: {NotRunReason} — 1 experiment: a v1 \(about [^)]+\)$"));
        Assert.That(table.Split('\n').Count(line => line.Contains(NotRunReason)), Is.EqualTo(1));
        Assert.That(SummaryLine(table), Does.EndWith("— 0 consistent, 0 inconsistent, 3 not judged (3 not run)"));
    }

    [Test]
    public void Experiments_not_run_for_one_reason_share_one_line_with_each_ones_command()
    {
        var report = Report(Reporting("a", Accuracy(0.88)), Reporting("b", Accuracy(0.88)), Reporting("c", Accuracy(0.88)));

        var table = ReproductionTable.Render(
            ReproductionTable.Sections([report], experiment => new ExperimentStatus(experiment, null, $"not trained: ./build.sh Reproduce --experiment {experiment.Id}")),
            "Generated for a test.");

        var lines = table.Split('\n').Where(line => line.Contains("not trained", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines[0], Does.Match(@"^- not run: not trained: \./build\.sh Reproduce --experiment <id> — 3 experiments: a v1 \(about [^)]+\), b v1 \(about [^)]+\), c v1 \(about [^)]+\)$"));
    }

    [Test]
    public void A_smoke_result_is_never_judged()
    {
        var table = Render(Report(Reporting("a", Accuracy(0.88))), new Dictionary<string, ResultFile> { ["a"] = Result("smoke", false, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.88 }) });

        Assert.That(NotJudgedLines(table, "a"), Has.One.StartsWith("- not run: only a smoke result exists — 1 experiment: a v1 (about "));
    }

    [Test]
    public void Substitute_data_variants_and_fixture_data_are_not_judged_and_summarised_in_one_line()
    {
        var substitute = Reporting("substitute", Accuracy(0.88)) with { Data = Report003.LeNet5HoldOut.Data with { SubstituteFor = "greyscale-32" } };
        var variant = Reporting("variant") with { Variant = "as intended: dropout rates honoured" };
        var fixture = Reporting("fixture", Accuracy(0.88));
        var results = new Dictionary<string, ResultFile>
        {
            ["substitute"] = FullAccuracy(0.69, 0.70, 0.71),
            ["variant"] = FullAccuracy(0.90, 0.92),
            ["fixture"] = Result("full", true, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.88 }, new Dictionary<string, double> { [MetricNames.TestAccuracy] = 0.89 }),
        };

        var table = Render(Report(substitute, variant, fixture), results);

        Assert.Multiple(() =>
        {
            Assert.That(NotJudgedLines(table, "substitute"), Is.EqualTo(new[] { "- substitute v1 — substitute data for greyscale-32: test_accuracy 0.7000 ± 0.0100 (3)" }));
            Assert.That(NotJudgedLines(table, "variant"), Is.EqualTo(new[] { "- variant v1 — as intended: dropout rates honoured: test_accuracy 0.9100 ± 0.014142 (2)" }));
            Assert.That(NotJudgedLines(table, "fixture"), Has.Length.EqualTo(1).And.Some.StartWith("- fixture v1 — fixture data: "));
            Assert.That(SummaryLine(table), Does.EndWith("— 0 consistent, 0 inconsistent, 2 not judged (1 fixture data, 1 substitute data)"));
        });
    }

    [Test]
    public void Numbers_that_are_not_finite_or_not_measured_are_not_judged_and_say_why()
    {
        var seeds = new[] { 0.31, double.NaN, 0.32 }.Select(IReadOnlyDictionary<string, double> (loss) =>
            new Dictionary<string, double> { [MetricNames.TestLoss] = loss, [MetricNames.TestAccuracy] = 0.88 }).ToArray();
        var report = Report(Reporting("a", Printed(MetricNames.TestLoss, 0.33), Printed(MetricNames.FinalValidationLoss, 0.3), Accuracy(0.88)));

        var table = Render(report, new Dictionary<string, ResultFile> { ["a"] = Result("full", false, seeds) });

        Assert.Multiple(() =>
        {
            Assert.That(Row(table, "a", MetricNames.TestLoss), Does.EndWith("| not judged: 1 of 3 seeds gave a value that is not a finite number |"));
            Assert.That(Row(table, "a", MetricNames.FinalValidationLoss), Does.EndWith("| not judged: no seed measured final_val_loss |"));
            Assert.That(SummaryLine(table), Does.EndWith("— 1 consistent, 0 inconsistent, 2 not judged (1 not finite, 1 not measured)"));
        });
    }

    [Test]
    public void The_summary_line_counts_printed_numbers_by_verdict()
    {
        var report = Report(
            Reporting("a", Accuracy(0.8817), Printed(MetricNames.TestLoss, 0.3309)),
            Reporting("b", Accuracy(0.8817)),
            Reporting("c", Accuracy(0.8817)),
            Reporting("d", Accuracy(0.8817)));
        var results = new Dictionary<string, ResultFile>
        {
            ["a"] = Result("full", false, [.. TenSeeds.Zip([0.3102, 0.3155, 0.3080, 0.3121, 0.3102, 0.3155, 0.3080, 0.3121, 0.3102, 0.3155]).Select(
                IReadOnlyDictionary<string, double> (seed) => new Dictionary<string, double> { [MetricNames.TestAccuracy] = seed.First, [MetricNames.TestLoss] = seed.Second })]),
            ["b"] = FullAccuracy(0.8800, 0.8830),
            ["c"] = FullAccuracy(0.8000, 0.8010, 0.7990),
        };

        var table = Render(report, results);

        // a: accuracy consistent, loss (σ_R alone, mean 0.3118) inconsistent; b consistent; c inconsistent; d not run.
        Assert.That(SummaryLine(table), Is.EqualTo("- **003** Test report — 2 consistent, 2 inconsistent, 1 not judged (1 not run)"));
    }

    [Test]
    public void Folds_the_report_printed_are_compared_with_Repros_pooled_folds_by_Welch_and_F_tests()
    {
        // Report 004's printed folds against two seeds of five folds. scipy: ttest_ind(report, repro, equal_var=False) gives
        // t 0.47422, df 4.4194, p 0.65783; F = s_report² / s_repro² = 9.6626 on (4, 9), two-sided p 0.0051437.
        double[] printed = [0.9139, 0.9145, 0.9085, 0.9174, 0.9058];
        double[][] seeds = [[0.9101, 0.9122, 0.9090, 0.9135, 0.9110], [0.9098, 0.9127, 0.9104, 0.9119, 0.9093]];
        var crossValidation = Report004.FinalRun with
        {
            Id = "f",
            Version = 1,
            Reported = [.. printed.Select((value, k) => Printed(MetricNames.CvFoldAccuracy(k + 1), value, decimals: 4))],
        };
        var result = Result("full", false, [.. seeds.Select(IReadOnlyDictionary<string, double> (folds) =>
            folds.Select((value, k) => KeyValuePair.Create(MetricNames.CvFoldAccuracy(k + 1), value)).ToDictionary())]);

        var table = Render(Report(crossValidation), new Dictionary<string, ResultFile> { ["f"] = result });

        Assert.That(table, Does.Contain("| f v1 | fold accuracy | 0.91202 ± 0.004736 (5) | 0.91099 ± 0.001523 (10) | " +
            "Welch's t-test: t 0.47, df 4.4, p 0.66: consistent | F-test: F 9.66 on (4, 9) df, p 0.0051: inconsistent |"));
        Assert.That(LinesOf(table, "f").Count(line => line.Contains("| cv_fold")), Is.EqualTo(5), "each printed fold also has its own row");
    }

    [Test]
    public void A_cross_validation_of_one_seed_takes_Repros_spread_from_its_folds()
    {
        // One seed's folds 0.9101, 0.9122, 0.9090, 0.9135, 0.9110: mean 0.91116, s 0.0017587 on 4 df. Against report 004's spreads,
        // with the printed four decimals' rounding (h 0.00005, h²/3 in the SE, not in the df):
        // mean: SE² = σ_K² (0.00246776², 7 df) + s²/5, t 0.32430, df 8.3437; fold 1: SE² = σ_K² (0.00473572², 4 df) + s², t 0.75220, df 5.0827.
        double[] folds = [0.9101, 0.9122, 0.9090, 0.9135, 0.9110];
        var crossValidation = Report004.FinalRun with
        {
            Id = "f",
            Version = 1,
            Reported =
            [
                Printed(MetricNames.CvFoldAccuracy(1), 0.9139, decimals: 4),
                Printed(MetricNames.CvMeanAccuracy, 0.9120, decimals: 4),
                Printed(MetricNames.CvStdAccuracy, 0.0040, decimals: 4),
            ],
        };
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.CvFoldAccuracy(1)] = folds[0],
            [MetricNames.CvMeanAccuracy] = folds.Average(),
            [MetricNames.CvStdAccuracy] = 0.0016,
        };
        var runs = folds.Select((accuracy, k) => new RunTrace(42, k, [], 288, accuracy, 0.4, 0.91, [], [], 1)).ToList();
        var result = Result("full", false, metrics) with { Seeds = [new SeedResult(42, metrics)], Runs = runs };

        var table = Render(Report(crossValidation) with { Spread = Report004.Definition.Spread }, new Dictionary<string, ResultFile> { ["f"] = result });

        const string foldNote = "; σ_R from Repro's 5 folds of one seed (sd 0.001759)";
        Assert.Multiple(() =>
        {
            Assert.That(Row(table, "f", MetricNames.CvMeanAccuracy), Is.EqualTo(
                $"| f v1 | cv_mean_accuracy | 0.9120 | 0.91116 (1 seed) |  | σ_K 0.002468 (report, 8 draws){foldNote} | t 0.32, df 8.3 | consistent (p 0.75) |"));
            Assert.That(Row(table, "f", MetricNames.CvFoldAccuracy(1)), Does.StartWith(
                $"| f v1 | cv_fold1_accuracy | 0.9139 | 0.9101 (1 seed) |  | σ_K 0.004736 (report, 5 draws){foldNote} | t 0.75, df 5.1 | consistent (p "));
            Assert.That(Row(table, "f", MetricNames.CvStdAccuracy), Does.Contain("not judged: only one seed measured cv_std_accuracy, and no folds of it give a spread"));
            Assert.That(table, Does.Contain("σ_R then comes from that seed's k folds"));
        });
    }

    [Test]
    public void The_sample_tests_match_scipy()
    {
        var report = new Sample([0.9139, 0.9145, 0.9085, 0.9174, 0.9058]);
        var repro = new Sample([0.9101, 0.9122, 0.9090, 0.9135, 0.9110, 0.9098, 0.9127, 0.9104, 0.9119, 0.9093]);

        var welch = MeanDifferenceTest.Welch(report, repro);
        var variances = VarianceRatioTest.Of(report, repro);

        Assert.Multiple(() =>
        {
            Assert.That(welch.T, Is.EqualTo(0.474221533182).Within(1e-9));
            Assert.That(welch.DegreesOfFreedom, Is.EqualTo(4.419416435611).Within(1e-9));
            Assert.That(welch.P, Is.EqualTo(0.657833573411).Within(1e-9));
            Assert.That(variances.F, Is.EqualTo(9.662645411461).Within(1e-9));
            Assert.That(variances.P, Is.EqualTo(0.00514367099682).Within(1e-11));
        });
    }

    [Test]
    public void The_table_reads_the_result_document_the_gate_reads_and_refuses_an_older_definition()
    {
        var experiment = Reporting("003-test", Accuracy(0.8817));
        var root = Path.Combine(Path.GetTempPath(), "repro-table-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = RepositoryPaths.ResultJson(root, "cpu", "full", experiment.Id);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, new JsonObject
            {
                ["experiment"] = new JsonObject { ["id"] = experiment.Id, ["version"] = 1, ["definition_hash"] = CanonicalDefinition.Hash(experiment) },
                ["profile"] = "full",
                ["device"] = "cpu",
                ["data"] = new JsonObject { ["origin"] = "real" },
                ["seeds"] = new JsonArray(TenSeeds.Select((accuracy, i) => (JsonNode)new JsonObject
                {
                    ["seed"] = i, ["metrics"] = new JsonObject { [MetricNames.TestAccuracy] = accuracy },
                }).ToArray()),
                ["manifest"] = new JsonObject { ["training_seconds"] = 1.0 },
            }.ToJsonString());

            var current = ExperimentStatus.Read(experiment, root, "cpu", _ => null);
            var older = ExperimentStatus.Read(experiment with { Seed = 7 }, root, "cpu", _ => null);

            Assert.That(current.Result?.Seeds.Count, Is.EqualTo(10));
            Assert.That(older.Result, Is.Null);
            Assert.That(older.NotRunReason, Does.Contain("was made from an older definition"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Cells_escape_pipes_and_the_group_column_appears_only_when_used()
    {
        var grouped = Reporting("a", Accuracy(0.8817)) with { Group = "Batch | size table" };

        var table = Render(Report(grouped), new Dictionary<string, ResultFile> { ["a"] = FullAccuracy(TenSeeds) });

        Assert.That(table, Does.Contain("| experiment | group | metric | reported | Repro mean ± sd (n) | percentile | spread | test | verdict |"));
        Assert.That(Row(table, "a"), Does.StartWith(@"| a v1 | Batch \| size table | test_accuracy |"));
    }
}
