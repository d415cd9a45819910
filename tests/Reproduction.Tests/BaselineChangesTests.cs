using System.Diagnostics;

namespace Repro.Reproduction.Tests;

/// <summary>
/// build/baseline-changes.py, which CI posts as a pull request's one baseline comment: run in a real git repository
/// with a base commit and a change on top, it lists exactly the metrics whose values moved, old → new with the band.
/// </summary>
public sealed class BaselineChangesTests
{
    private string _repository = null!;

    [SetUp]
    public void SetUp()
    {
        _repository = Path.Combine(Path.GetTempPath(), "repro-baseline-changes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_repository, "baselines", "cpu", "full"));
        Git("init", "-q", "-b", "main");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_repository, recursive: true);

    [Test]
    public void A_moved_band_is_listed_old_to_new_and_an_unchanged_metric_is_not()
    {
        WriteBaseline(accuracy: (0.88, 0.86, 0.90), loss: (0.33, 0.30, 0.36));
        Commit("base");
        Git("checkout", "-q", "-b", "change");
        WriteBaseline(accuracy: (0.90, 0.88, 0.92), loss: (0.33, 0.30, 0.36));
        Commit("change");

        var comment = Run("main");

        Assert.Multiple(() =>
        {
            Assert.That(comment, Does.StartWith("<!-- repro-baseline-changes -->\n"));
            Assert.That(comment, Does.Contain("**003-lenet5** `cpu/full` — page anchor `index.html#003-lenet5`"));
            Assert.That(comment, Does.Contain("| test_accuracy | mean 0.88 (n 10), band [0.86, 0.9] | mean 0.9 (n 10), band [0.88, 0.92] |"));
            Assert.That(comment, Does.Not.Contain("test_loss"));
        });
    }

    [Test]
    public void Without_a_changed_baseline_the_comment_says_so()
    {
        WriteBaseline(accuracy: (0.88, 0.86, 0.90), loss: (0.33, 0.30, 0.36));
        Commit("base");

        Assert.That(Run("main"), Does.Contain("No baseline value changed."));
    }

    private void WriteBaseline((double Mean, double Low, double High) accuracy, (double Mean, double Low, double High) loss)
    {
        static string Metric((double Mean, double Low, double High) m) => FormattableString.Invariant(
            $$"""{"alpha": 0.0004, "interval": {"high": {{m.High}}, "low": {{m.Low}}}, "mean": {{m.Mean}}, "n": 10, "sd": 0.004, "values": [{{m.Mean}}]}""");
        File.WriteAllText(Path.Combine(_repository, "baselines", "cpu", "full", "003-lenet5.verified.json"),
            $$$"""{"experiment": "003-lenet5", "version": 1, "metrics": {"test_accuracy": {{{Metric(accuracy)}}}, "test_loss": {{{Metric(loss)}}}}}""");
    }

    private void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Repro tests", "-c", "user.email=tests@repro.invalid", "commit", "-q", "-m", message);
    }

    private string Run(string baseRef) =>
        Process("python3", Path.Combine(RepositoryPaths.Root, "build", "baseline-changes.py"), baseRef);

    private void Git(params string[] args) => Process("git", args);

    private string Process(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = _repository, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{program} {string.Join(' ', args)}: {error}");
        return output.Result;
    }
}
