using System.CommandLine;
using Repro.Experiments;
using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>
/// Accepting moves received files over verified ones, but refuses one that would quietly change
/// what is gated (another gated seed, profile, device class, or definition without a version bump).
/// </summary>
[TestFixture]
public sealed class AcceptTests
{
    private GateTempDirectory temp = null!;

    private Snapshots Lenet => new(temp.Path, GateWorkspace.Id);

    [SetUp]
    public void SetUp() => temp = new GateTempDirectory();

    [TearDown]
    public void TearDown() => temp.Dispose();

    private static Baseline Verified => FullSample.Baseline(Engines.A);

    /// <summary>A received baseline of engine B: new numbers, the same identity.</summary>
    private static Baseline Drifted => FullSample.Baseline(Engines.B);

    private static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = AcceptCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void Accept_moves_every_received_file_over_its_verified_one()
    {
        var other = new Snapshots(temp.Path, "001-other");
        Verified.Save(Lenet.VerifiedPath);
        Lenet.WriteReceived(Drifted);
        other.WriteReceived(Drifted with { Experiment = "001-other" });

        var accepted = Snapshots.Accept(temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.EqualTo(new[] { "001-other", GateWorkspace.Id }));
            Assert.That(temp.Files(), Is.EqualTo(new[] { "001-other.verified.json", "003-lenet5.verified.json" }));
            Assert.That(Lenet.LoadVerified().Engine, Is.EqualTo(Engines.B));
        });
    }

    [Test]
    public void Accept_with_nothing_received_accepts_nothing()
    {
        Verified.Save(Lenet.VerifiedPath);

        Assert.That(Snapshots.Accept(temp.Path), Is.Empty);
    }

    [Test]
    public void A_malformed_received_file_stops_every_move()
    {
        var other = new Snapshots(temp.Path, "001-other");
        other.WriteReceived(Drifted with { Experiment = "001-other" });
        File.WriteAllText(Lenet.ReceivedPath, "{}");

        Assert.Throws<BaselineException>(() => Snapshots.Accept(temp.Path));

        Assert.That(temp.Files(), Is.EqualTo(new[] { "001-other.received.json", "003-lenet5.received.json" }));
    }

    private static IEnumerable<TestCaseData> IdentityChanges()
    {
        yield return new TestCaseData(Drifted with { Seeds = [.. FullSample.Seeds.Skip(1), 42UL] }, "gated seed 42 → 1").SetName("Another gated seed");
        yield return new TestCaseData(Drifted with { Profile = "smoke" }, "profile full → smoke").SetName("Another profile");
        yield return new TestCaseData(Drifted with { Device = "cuda" }, "device class cpu → cuda").SetName("Another device class");
        yield return new TestCaseData(Drifted with { DefinitionHash = "fedcba9876543210" }, "definition 0123456789abcdef → fedcba9876543210 without a version bump")
            .SetName("Another definition without a version bump");
    }

    [TestCaseSource(nameof(IdentityChanges))]
    public void A_received_file_that_changes_what_is_gated_is_refused(Baseline received, string change)
    {
        Verified.Save(Lenet.VerifiedPath);
        Lenet.WriteReceived(received);

        var error = Assert.Throws<BaselineException>(() => Snapshots.Accept(temp.Path))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain($"changes what is gated ({change})").And.Contain("--allow-mismatch"));
            Assert.That(Lenet.LoadVerified().Engine, Is.EqualTo(Engines.A), "the verified file is untouched");
        });
    }

    [TestCaseSource(nameof(IdentityChanges))]
    public void A_received_file_that_changes_what_is_gated_is_accepted_when_allowed(Baseline received, string change)
    {
        Verified.Save(Lenet.VerifiedPath);
        Lenet.WriteReceived(received);

        Snapshots.Accept(temp.Path, allowMismatch: true);

        Assert.That(Lenet.LoadVerified().Engine, Is.EqualTo(Engines.B), change);
    }

    [Test]
    public void A_definition_change_with_a_version_bump_is_accepted()
    {
        Verified.Save(Lenet.VerifiedPath);
        Lenet.WriteReceived(Drifted with { Version = 2, DefinitionHash = "fedcba9876543210" });

        Assert.That(Snapshots.Accept(temp.Path), Is.EqualTo(new[] { GateWorkspace.Id }));
        Assert.That(Lenet.LoadVerified().Version, Is.EqualTo(2));
    }

    [Test]
    public void A_first_baseline_of_any_seed_is_accepted()
    {
        Lenet.WriteReceived(Drifted with { Seeds = [.. FullSample.Seeds.Skip(1), 42UL] });

        Assert.That(Snapshots.Accept(temp.Path), Is.EqualTo(new[] { GateWorkspace.Id }));
    }

    [Test]
    public void The_command_refuses_a_mismatch_and_accepts_it_with_allow_mismatch()
    {
        Verified.Save(Lenet.VerifiedPath);
        Lenet.WriteReceived(Drifted with { Device = "cuda" });

        var refused = Cli("--baselines", temp.Path);
        var allowed = Cli("--baselines", temp.Path, "--allow-mismatch");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("device class cpu → cuda").And.Contain("Nothing was accepted."));
            Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.Error);
            Assert.That(allowed.Output, Does.Contain($"accepted {Lenet.VerifiedPath}").And.Contain("engine: '"));
            Assert.That(Lenet.LoadVerified().Device, Is.EqualTo("cuda"));
        });
    }

    [Test]
    public void The_command_lists_what_changes_per_metric()
    {
        Verified.Save(Lenet.VerifiedPath);
        var changed = FullSample.Baseline(Engines.A) with
        {
            Metrics = new Dictionary<string, BaselineMetric>(FullSample.Baseline(Engines.A).Metrics)
            {
                [MetricNames.TestLoss] = FullSample.Distribution(MetricNames.TestLoss, [0.5, .. FullSample.Loss.Skip(1)], FalseAlarmBudget.PerMetricAlpha),
            },
        };
        Lenet.WriteReceived(changed);

        var (exitCode, output, _) = Cli("--baselines", temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0));
            Assert.That(output, Does.Contain("  test_loss: 0.39 (seed value)").And.Contain("→ 0.5 (seed value)"));
            Assert.That(output, Does.Not.Contain("test_accuracy:"));
        });
    }

    [Test]
    public void A_refusal_in_one_folder_moves_nothing_in_another()
    {
        var full = new Snapshots(temp.Combine("cpu", "full"), GateWorkspace.Id);
        var smoke = new Snapshots(temp.Combine("cpu", "smoke"), GateWorkspace.Id);
        Verified.Save(full.VerifiedPath);
        full.WriteReceived(Drifted);
        SmokeSample.Baseline(Engines.A).Save(smoke.VerifiedPath);
        smoke.WriteReceived(SmokeSample.Baseline(Engines.B) with { Seeds = [7] });

        var (exitCode, _, error) = Cli("--baselines", temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Contain("gated seed 42 → 7").And.Contain("Nothing was accepted."));
            Assert.That(File.Exists(full.ReceivedPath), Is.True, "the full folder's received file was not moved either");
            Assert.That(full.LoadVerified().Engine, Is.EqualTo(Engines.A));
        });
    }

    [Test]
    public void The_command_refuses_a_missing_folder()
    {
        var (exitCode, _, error) = Cli("--baselines", temp.Combine("nope"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Contain("does not exist"));
        });
    }
}
