using System.Text.Json.Nodes;
using Repro.Reproduction.Gate;
using Repro.Reproduction.Results;

namespace Repro.Regression;

[TestFixture]
public sealed class GateRunTests
{
    private const string Id = "003-lenet5";
    private const string DefaultBands = "first run: default bands";

    private static readonly Dictionary<string, double> DefaultTolerances = new()
    {
        ["test_accuracy"] = 0.02,
        ["test_loss"] = 0.05,
    };

    private GateTempDirectory temp = null!;

    private string BaselinesDir => temp.Combine("baselines");

    private string ResultPath => temp.Combine("artifacts", "results", Id, "result.json");

    private string VerifiedPath => Path.Combine(BaselinesDir, $"{Id}.verified.json");

    private string ReceivedPath => Path.Combine(BaselinesDir, $"{Id}.received.json");

    [SetUp]
    public void SetUp()
    {
        temp = new GateTempDirectory();
        Directory.CreateDirectory(BaselinesDir);
    }

    [TearDown]
    public void TearDown() => temp.Dispose();

    private static GateSubject Subject(string profile = "full", string device = "cpu", int version = 1, string hash = "0123456789abcdef") =>
        new(Id, version, hash, profile, device);

    private GateOutcome Run(string profile = "full", string device = "cpu") =>
        BaselineGate.Run(BaselinesDir, ResultPath, DefaultTolerances, DefaultBands, Subject(profile, device));

    private void WriteResult(double accuracy, double loss, double f1 = 0.87) =>
        CanonicalJson.Write(ResultPath, new JsonObject
        {
            ["config"] = new JsonObject { ["epochs"] = 10 },
            ["metrics"] = new JsonObject
            {
                ["test_accuracy"] = accuracy,
                ["test_loss"] = loss,
                ["test_macro_f1"] = f1,
                ["per_class"] = new JsonArray(0.9, 0.8),
            },
        });

    private void WriteVerified() => File.WriteAllText(VerifiedPath, GateBaselineTests.Example);

    [Test]
    public void A_missing_result_file_says_how_to_produce_it()
    {
        WriteVerified();

        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain(ResultPath).And.Contain("./build.sh Reproduce --experiment 003-lenet5"));
            Assert.That(File.Exists(ReceivedPath), Is.False);
        });
    }

    [TestCase("{ not json", "is not valid JSON at line 1, column 3")]
    [TestCase("[]", "has no top-level \"metrics\" object")]
    [TestCase("{\"results\": {\"test_accuracy\": 0.88}}", "has no top-level \"metrics\" object")]
    [TestCase("{\"metrics\": [0.88, 0.32]}", "has no top-level \"metrics\" object")]
    public void A_malformed_result_file_fails_and_names_the_file(string json, string problem)
    {
        WriteVerified();
        temp.Write(Path.Combine("artifacts", "results", Id, "result.json"), json);

        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain(ResultPath).And.Contain(problem).And.Contain("./build.sh Reproduce --experiment 003-lenet5"));
        });
    }

    [Test]
    public void A_non_numeric_gated_metric_in_the_result_is_a_breach()
    {
        WriteVerified();
        temp.Write(Path.Combine("artifacts", "results", Id, "result.json"), "{\"metrics\": {\"test_accuracy\": \"0.8845\", \"test_loss\": 0.3201}}");

        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("BREACH 003-lenet5 test_accuracy").And.Contain("missing from the result"));
        });
    }

    [Test]
    public void Without_a_baseline_the_gate_fails_and_writes_a_received_file_with_the_default_bands()
    {
        WriteResult(0.8812, 0.331);

        var outcome = Run();

        var received = Baseline.Load(ReceivedPath);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Is.EqualTo($"FAIL 003-lenet5: no verified baseline yet; review {ReceivedPath} and run ./build.sh Accept."));
            Assert.That(outcome.ReceivedPath, Is.EqualTo(ReceivedPath));
            Assert.That(received.Bands, Is.EqualTo(DefaultBands));
            Assert.That(received.Profile, Is.EqualTo("full"));
            Assert.That(received.Device, Is.EqualTo("cpu"));
            Assert.That(received.Metrics.Keys, Is.EquivalentTo(new[] { "test_accuracy", "test_loss" }), "only metrics with a default tolerance are gated");
            Assert.That(received.Metrics["test_accuracy"], Is.EqualTo(new MetricBand(0.8812, 0.02)));
            Assert.That(received.Metrics["test_loss"], Is.EqualTo(new MetricBand(0.331, 0.05)));
            Assert.That(File.Exists(VerifiedPath), Is.False);
        });
    }

    [Test]
    public void A_breach_writes_the_received_values_with_the_baseline_tolerances_and_bands()
    {
        WriteVerified();
        WriteResult(0.8612, 0.33);

        var outcome = Run();

        var received = Baseline.Load(ReceivedPath);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.StartWith(
                "BREACH 003-lenet5 test_accuracy: baseline 0.8845 ± 0.0100 (0.8745..0.8945), received 0.8612 (0.0133 outside)\n"));
            Assert.That(outcome.Message, Does.Contain($"Received values written to {ReceivedPath}").And.Contain("./build.sh Accept"));
            Assert.That(outcome.Report!.Breaches, Has.Count.EqualTo(1));
            Assert.That(received.Metrics["test_accuracy"], Is.EqualTo(new MetricBand(0.8612, 0.01)));
            Assert.That(received.Metrics["test_loss"], Is.EqualTo(new MetricBand(0.33, 0.02)));
            Assert.That(received.Metrics.Keys, Has.No.Member("test_macro_f1"));
            Assert.That(received.Bands, Is.EqualTo(Baseline.Load(VerifiedPath).Bands));
            Assert.That(File.ReadAllText(VerifiedPath), Is.EqualTo(GateBaselineTests.Example), "the verified file is never touched by the gate");
        });
    }

    [Test]
    public void A_received_file_has_the_verified_format_so_the_diff_shows_only_values()
    {
        WriteVerified();
        WriteResult(0.8612, 0.3201);

        Run();

        Assert.That(File.ReadAllText(ReceivedPath), Is.EqualTo(GateBaselineTests.Example.Replace("0.8845", "0.8612")));
    }

    [Test]
    public void A_metric_missing_from_the_result_is_a_breach_and_left_out_of_the_received_file()
    {
        WriteVerified();
        temp.Write(Path.Combine("artifacts", "results", Id, "result.json"), "{\"metrics\": {\"test_loss\": 0.3201}}");

        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("BREACH 003-lenet5 test_accuracy").And.Contain("missing from the result"));
            Assert.That(Baseline.Load(ReceivedPath).Metrics.Keys, Is.EqualTo(new[] { "test_loss" }));
        });
    }

    [Test]
    public void A_pass_deletes_a_stale_received_file()
    {
        WriteVerified();
        File.WriteAllText(ReceivedPath, "stale");
        WriteResult(0.8800, 0.3301);

        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(outcome.Message, Does.StartWith("PASS 003-lenet5: 2 metric(s) within their bands"));
            Assert.That(outcome.ReceivedPath, Is.Null);
            Assert.That(File.Exists(ReceivedPath), Is.False);
        });
    }

    [Test]
    public void A_profile_or_device_other_than_the_baseline_fails_even_with_equal_numbers()
    {
        WriteVerified();
        WriteResult(0.8845, 0.3201);

        var smoke = Run(profile: "smoke");
        var cuda = Run(device: "cuda");

        Assert.Multiple(() =>
        {
            Assert.That(smoke.Passed, Is.False);
            Assert.That(smoke.Message, Does.Contain("BREACH 003-lenet5 profile: baseline was made with profile 'full', this run used 'smoke'"));
            Assert.That(cuda.Passed, Is.False);
            Assert.That(cuda.Message, Does.Contain("BREACH 003-lenet5 device: baseline was made on 'cpu', this run used 'cuda'"));
            Assert.That(Baseline.Load(ReceivedPath).Device, Is.EqualTo("cuda"));
        });
    }

    [Test]
    public void A_malformed_baseline_is_never_a_pass()
    {
        File.WriteAllText(VerifiedPath, GateBaselineTests.Example.Replace("0.01", "-0.01"));
        WriteResult(0.8845, 0.3201);

        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain(VerifiedPath).And.Contain("negative tolerance"));
        });
    }

    [Test]
    public void Accepting_the_received_file_of_a_first_run_makes_the_gate_pass()
    {
        WriteResult(0.8812, 0.331);
        Assert.That(Run().Passed, Is.False);

        var accepted = Snapshots.Accept(BaselinesDir);
        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.EqualTo(new[] { Id }));
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(Baseline.Load(VerifiedPath).Metrics["test_accuracy"], Is.EqualTo(new MetricBand(0.8812, 0.02)));
            Assert.That(temp.Files().Where(f => f.StartsWith("baselines/", StringComparison.Ordinal)), Is.EqualTo(new[] { "baselines/003-lenet5.verified.json" }));
        });
    }

    [Test]
    public void Accepting_a_breach_makes_the_gate_pass_with_the_new_value()
    {
        WriteVerified();
        WriteResult(0.8612, 0.3201);
        Assert.That(Run().Passed, Is.False);

        Snapshots.Accept(BaselinesDir);
        var outcome = Run();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.True, outcome.Message);
            Assert.That(File.ReadAllText(VerifiedPath), Is.EqualTo(GateBaselineTests.Example.Replace("0.8845", "0.8612")));
        });
    }

    [Test]
    public void Without_a_baseline_or_default_tolerances_nothing_is_written()
    {
        WriteResult(0.8812, 0.331);

        var outcome = BaselineGate.Run(BaselinesDir, ResultPath, new Dictionary<string, double>(), DefaultBands, Subject());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("no default tolerances"));
            Assert.That(File.Exists(ReceivedPath), Is.False);
        });
    }

    private void WriteResultOf(int version, string hash, double accuracy = 0.8845, params (ulong Seed, double Accuracy)[] seeds)
    {
        var spread = seeds.Length > 1 ? seeds.Select(s => s.Accuracy).ToArray() : null;
        var mean = spread?.Average() ?? 0;
        var document = new JsonObject
        {
            ["experiment"] = new JsonObject { ["id"] = Id, ["version"] = version, ["definition_hash"] = hash },
            ["metrics"] = new JsonObject { ["test_accuracy"] = accuracy, ["test_loss"] = 0.3201 },
            ["seeds"] = new JsonArray(seeds.Select(s => (JsonNode)new JsonObject { ["seed"] = s.Seed }).ToArray()),
        };
        if (spread is not null)
        {
            var sd = Math.Sqrt(spread.Sum(a => (a - mean) * (a - mean)) / (spread.Length - 1));
            document["seed_spread"] = new JsonObject
            {
                ["test_accuracy"] = new JsonObject { ["mean"] = mean, ["sd"] = sd, ["n"] = spread.Length, ["min"] = spread.Min(), ["max"] = spread.Max() },
            };
        }

        CanonicalJson.Write(ResultPath, document);
    }

    [Test]
    public void A_changed_definition_without_a_version_bump_fails_and_says_so()
    {
        WriteVerified();
        WriteResultOf(1, "fedcba9876543210");

        var outcome = BaselineGate.Run(BaselinesDir, ResultPath, DefaultTolerances, DefaultBands, Subject(hash: "fedcba9876543210"));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("the definition changed without a version bump"));
            Assert.That(outcome.Message, Does.Contain("0123456789abcdef").And.Contain("fedcba9876543210").And.Contain("bump Version"));
            Assert.That(File.Exists(ReceivedPath), Is.False, "numbers of a changed definition must not be offered for acceptance under the old version");
        });
    }

    [Test]
    public void A_version_bump_asks_for_a_new_baseline_instead_of_comparing()
    {
        WriteVerified();
        WriteResultOf(2, "fedcba9876543210", accuracy: 0.5);

        var outcome = BaselineGate.Run(BaselinesDir, ResultPath, DefaultTolerances, DefaultBands, Subject(version: 2, hash: "fedcba9876543210"));

        var received = Baseline.Load(ReceivedPath);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("recorded for version 1, the experiment is now version 2").And.Contain("not compared"));
            Assert.That(outcome.Message, Does.Not.Contain("BREACH"));
            Assert.That(received.Version, Is.EqualTo(2));
            Assert.That(received.DefinitionHash, Is.EqualTo("fedcba9876543210"));
            Assert.That(received.Metrics["test_accuracy"].Value, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void A_result_made_from_an_older_definition_is_stale_and_not_gated()
    {
        WriteVerified();
        WriteResultOf(1, "0123456789abcdef");

        var outcome = BaselineGate.Run(BaselinesDir, ResultPath, DefaultTolerances, DefaultBands, Subject(version: 2, hash: "fedcba9876543210"));

        Assert.That(outcome.Message, Does.Contain("the result was made from version 1").And.Contain("Reproduce"));
        Assert.That(outcome.Passed, Is.False);
    }

    [Test]
    public void Several_seeds_set_each_band_to_three_standard_deviations_and_say_so()
    {
        WriteResultOf(1, "0123456789abcdef", 0.8875, (42, 0.8875), (1, 0.8843), (2, 0.8897));

        Run();

        var received = Baseline.Load(ReceivedPath);
        // sd of 0.8875, 0.8843, 0.8897 is 0.002715; 3 sd = 0.008145, rounded up to 2 significant digits.
        Assert.Multiple(() =>
        {
            Assert.That(received.Metrics["test_accuracy"].Tolerance, Is.EqualTo(0.0082).Within(1e-12));
            Assert.That(received.Metrics["test_loss"].Tolerance, Is.EqualTo(DefaultTolerances["test_loss"]), "no spread measured for the loss: the default stays");
            Assert.That(received.Bands, Does.Contain("3 × sample standard deviation (ddof 1) over 3 seeds (42, 1, 2)").And.Contain("test_accuracy sd 0.002715"));
        });
    }
}
