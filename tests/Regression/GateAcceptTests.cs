using System.CommandLine;
using Repro.Reproduction;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Gate;

namespace Repro.Regression;

[TestFixture]
public sealed class GateAcceptTests
{
    private static Baseline Sample(string id, double accuracy) => new(
        id,
        1,
        "0123456789abcdef",
        "full",
        "cpu",
        "bands text",
        new Dictionary<string, MetricBand> { ["test_accuracy"] = new(accuracy, 0.01) });

    private static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = AcceptCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void Accept_promotes_every_received_file_and_returns_their_ids()
    {
        using var temp = new GateTempDirectory();
        var a = new Snapshots(temp.Path, "010-b");
        var b = new Snapshots(temp.Path, "003-a");
        Sample("010-b", 0.5).Save(a.VerifiedPath);
        a.WriteReceived(Sample("010-b", 0.6));
        b.WriteReceived(Sample("003-a", 0.7));

        var accepted = Snapshots.Accept(temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.EqualTo(new[] { "003-a", "010-b" }));
            Assert.That(temp.Files(), Is.EqualTo(new[] { "003-a.verified.json", "010-b.verified.json" }));
            Assert.That(a.LoadVerified().Metrics["test_accuracy"].Value, Is.EqualTo(0.6));
            Assert.That(b.LoadVerified().Metrics["test_accuracy"].Value, Is.EqualTo(0.7));
        });
    }

    [Test]
    public void Accept_with_nothing_received_returns_an_empty_list()
    {
        using var temp = new GateTempDirectory();
        Sample("003-a", 0.5).Save(new Snapshots(temp.Path, "003-a").VerifiedPath);

        Assert.That(Snapshots.Accept(temp.Path), Is.Empty);
    }

    [Test]
    public void Accept_validates_every_received_file_before_moving_any()
    {
        using var temp = new GateTempDirectory();
        new Snapshots(temp.Path, "003-a").WriteReceived(Sample("003-a", 0.7));
        var broken = temp.Write("004-b.received.json", "{}");

        var error = Assert.Throws<BaselineException>(() => Snapshots.Accept(temp.Path));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(broken));
            Assert.That(temp.Files(), Is.EqualTo(new[] { "003-a.received.json", "004-b.received.json" }));
        });
    }

    [Test]
    public void Snapshot_paths_follow_the_verify_naming()
    {
        var snapshots = new Snapshots("baselines", "003-lenet5");

        Assert.Multiple(() =>
        {
            Assert.That(snapshots.VerifiedPath, Is.EqualTo(Path.Combine("baselines", "003-lenet5.verified.json")));
            Assert.That(snapshots.ReceivedPath, Is.EqualTo(Path.Combine("baselines", "003-lenet5.received.json")));
            Assert.Throws<ArgumentException>(() => _ = new Snapshots("baselines", "../escape"));
        });
    }

    [Test]
    public void The_accept_command_prints_each_accepted_file_and_what_changed()
    {
        using var temp = new GateTempDirectory();
        var changed = new Snapshots(temp.Path, "003-a");
        Sample("003-a", 0.5).Save(changed.VerifiedPath);
        changed.WriteReceived(Sample("003-a", 0.6));
        new Snapshots(temp.Path, "004-new").WriteReceived(Sample("004-new", 0.7));

        var (exitCode, output, error) = Cli("--baselines", temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output.ReplaceLineEndings("\n"), Is.EqualTo(
                $"accepted {changed.VerifiedPath}\n" +
                "  test_accuracy: 0.5 ± 0.01 → 0.6 ± 0.01\n" +
                $"accepted {new Snapshots(temp.Path, "004-new").VerifiedPath}\n" +
                "  test_accuracy: new 0.7 ± 0.01\n"));
            Assert.That(Snapshots.Pending(temp.Path), Is.Empty);
        });
    }

    [Test]
    public void The_accept_command_says_when_there_is_nothing_to_accept()
    {
        using var temp = new GateTempDirectory();

        var (exitCode, output, _) = Cli("--baselines", temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.Trim(), Is.EqualTo("nothing to accept"));
        });
    }

    [Test]
    public void The_accept_command_fails_on_a_missing_folder_or_a_malformed_received_file()
    {
        using var temp = new GateTempDirectory();
        temp.Write("003-a.received.json", "{");

        var missing = Cli("--baselines", temp.Combine("no-such-folder"));
        var malformed = Cli("--baselines", temp.Path);

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(1));
            Assert.That(missing.Error, Does.Contain("does not exist"));
            Assert.That(malformed.ExitCode, Is.EqualTo(1));
            Assert.That(malformed.Error, Does.Contain("not valid JSON at line 1").And.Contain("Nothing was accepted."));
        });
    }

    [Test]
    public void The_repository_root_is_found_from_the_test_folder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(RepositoryPaths.Root, "Repro.sln")), Is.True);
            Assert.That(RepositoryPaths.Baselines, Is.EqualTo(Path.Combine(RepositoryPaths.Root, "baselines")));
            Assert.That(RepositoryPaths.ResultJson(RepositoryPaths.ResultsRoot, "cpu", "smoke", "003-lenet5"),
                Is.EqualTo(Path.Combine(RepositoryPaths.Root, "artifacts", "results", "cpu", "smoke", "003-lenet5", "result.json")));
            Assert.That(RepositoryPaths.BaselineFolder("cpu", "full"), Is.EqualTo(Path.Combine(RepositoryPaths.Root, "baselines", "cpu", "full")));
        });
    }
}
