using Repro.Gate.Tests.GateFixtures;
using Repro.Reproduction.Gate;

namespace Repro.Gate.Tests;

/// <summary>What the gate cannot compare fails with a message that says what to do; it never passes.</summary>
[TestFixture]
public sealed class GateFailureTests
{
    [Test]
    public void A_missing_result_fails_and_says_how_to_make_it()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain($"no result file at {workspace.ResultPath}").And.Contain("./build.sh Reproduce --experiment 003-lenet5"));
            Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False);
        });
    }

    [Test]
    public void A_malformed_result_fails_and_names_the_file()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A));
        Directory.CreateDirectory(Path.GetDirectoryName(workspace.ResultPath)!);
        File.WriteAllText(workspace.ResultPath, "{ \"seeds\": [] }");

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.That(outcome.Message, Does.StartWith($"FAIL 003-lenet5: result file {workspace.ResultPath} is malformed"));
    }

    [TestCase(2, GateWorkspace.DefinitionHash, "made from version 2 (definition 0123456789abcdef)")]
    [TestCase(1, "fedcba9876543210", "made from version 1 (definition fedcba9876543210)")]
    public void A_result_of_another_version_or_definition_is_stale(int version, string hash, string made)
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson { Version = version, DefinitionHash = hash }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain($"the result was {made}, but the experiment is now version 1 (definition 0123456789abcdef)"));
            Assert.That(outcome.Message, Does.Contain("./build.sh Reproduce --experiment 003-lenet5 --profile full"));
            Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False, "a stale result must not become a baseline");
        });
    }

    [Test]
    public void A_version_bump_fails_against_the_old_baseline_and_offers_the_new_numbers()
    {
        var bumped = GateWorkspace.Full with { Version = 2, DefinitionHash = "fedcba9876543210" };
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson { Version = 2, DefinitionHash = "fedcba9876543210" }));

        var outcome = workspace.Run(bumped);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("the baseline was recorded for version 1, the experiment is now version 2"));
            Assert.That(workspace.Received().Version, Is.EqualTo(2));
            Assert.That(workspace.Received().DefinitionHash, Is.EqualTo("fedcba9876543210"));
        });
    }

    [Test]
    public void A_definition_change_without_a_version_bump_fails_and_says_to_bump_it()
    {
        var changed = GateWorkspace.Full with { DefinitionHash = "fedcba9876543210" };
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A))
            .Result(FullSample.AddTo(new ResultJson { DefinitionHash = "fedcba9876543210" }));

        var outcome = workspace.Run(changed);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain("the definition changed without a version bump"));
            Assert.That(outcome.Message, Does.Contain("bump Version"));
            Assert.That(File.Exists(workspace.Snapshots.ReceivedPath), Is.False);
        });
    }

    [TestCase("smoke", "cpu", "profile: the baseline was made with 'smoke', the result with 'full', the gate checks 'full'")]
    [TestCase("full", "cuda", "device class: the baseline was made on 'cpu', the result on 'cuda', the gate checks 'cpu'")]
    public void Numbers_of_another_profile_or_device_class_are_not_compared(string baselineProfile, string resultDevice, string mismatch)
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A) with { Profile = baselineProfile })
            .Result(FullSample.AddTo(new ResultJson { Device = resultDevice }));

        var outcome = workspace.Run(GateWorkspace.Full);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Passed, Is.False);
            Assert.That(outcome.Message, Does.Contain(mismatch));
        });
    }

    [Test]
    public void A_subject_that_gates_no_metric_does_not_pass()
    {
        using var workspace = new GateWorkspace().Verified(FullSample.Baseline(Engines.A)).Result(FullSample.AddTo(new ResultJson()));

        var outcome = workspace.Run(GateWorkspace.Full with { MetricNames = [] });

        Assert.That(outcome.Passed, Is.False);
    }
}
