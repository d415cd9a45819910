using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro run` as a user runs it, in a scratch repository root (an empty Repro.sln, so its artifacts/,
/// run cache and checkpoints are its own): a run killed with SIGKILL in the middle of an epoch, or
/// stopped with Ctrl-C, continues on the next run from its last checkpoint and ends with exactly the
/// numbers of a run that was never interrupted: every metric and every epoch of the history, bit for bit.
/// </summary>
[NonParallelizable]
public class ResumeAfterKillTests
{
    private const string Experiment = "001-cnn-holdout-digits-subset";
    private string root = null!;
    private JsonObject straight = null!;

    [OneTimeSetUp]
    public void TrainWithoutInterruption()
    {
        root = Path.Combine(Path.GetTempPath(), "repro-resume-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Repro.sln"), "");
        var (code, output) = Finish(Start("straight"));
        if (output.Contains("not run", StringComparison.Ordinal)) Assert.Ignore($"{Experiment} cannot run here (its data is not in the dataset cache):\n{output}");
        Assert.That(code, Is.Zero, output);
        straight = Result("straight");
        ClearRunCache();
    }

    [OneTimeTearDown]
    public void RemoveScratchRoot()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private string Checkpoints => Path.Combine(root, "artifacts", "cache", "checkpoints");

    [Test]
    public void A_run_killed_mid_epoch_resumes_to_the_same_bits()
    {
        using (var doomed = Start("killed"))
        {
            WaitForCheckpoint(doomed);
            // Epochs take a tenth of a second here: a random moment well inside the training lands mid-epoch,
            // now and then in the middle of a checkpoint's write, which must not matter either.
            Thread.Sleep(Random.Shared.Next(300, 700));
            Assert.That(doomed.HasExited, Is.False, "the run must still be training when it is killed");
            doomed.Kill(entireProcessTree: true);
            doomed.WaitForExit();
        }

        Assert.That(Directory.GetFiles(Checkpoints, "*.checkpoint"), Has.Length.EqualTo(1), "the last complete epoch's checkpoint survives the kill");
        ResumeAndCompare("killed");
    }

    [Test]
    public void Ctrl_c_stops_after_a_checkpoint_and_says_how_to_resume()
    {
        // A shell without job control starts background commands with SIGINT ignored, and children inherit
        // that: then no Ctrl-C can reach the run, here or for a user, and there is nothing to check.
        if (SigintIgnored())
            Assert.Ignore("SIGINT is ignored in this process (started in the background by a shell) and so in the run it starts: run the tests in the foreground to check Ctrl-C.");
        var stopped = Start("interrupted");
        WaitForCheckpoint(stopped);
        using (var signal = Process.Start("kill", ["-INT", stopped.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) signal.WaitForExit();
        var (code, output) = Finish(stopped);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero, output);
            Assert.That(output, Does.Contain("to resume, run the same command again: repro run"));
            Assert.That(Directory.GetFiles(Checkpoints, "*.checkpoint"), Has.Length.EqualTo(1));
        });
        ResumeAndCompare("interrupted");
    }

    /// <summary>Whether SIGINT (signal 2) is in this process's ignored set, the SigIgn mask of /proc/self/status.</summary>
    private static bool SigintIgnored()
    {
        var mask = File.ReadLines("/proc/self/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return (Convert.ToUInt64(mask, 16) & (1UL << (2 - 1))) != 0;
    }

    private void ResumeAndCompare(string results)
    {
        var (code, output) = Finish(Start(results));
        Assert.That(code, Is.Zero, output);
        var resumed = Result(results);
        ClearRunCache();

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("resumed"), "the second run continued from the checkpoint");
            Assert.That(Directory.GetFiles(Checkpoints), Is.Empty, "a completed training's checkpoint is deleted");
            Assert.That(resumed["metrics"]!.ToJsonString(), Is.EqualTo(straight["metrics"]!.ToJsonString()));
            Assert.That(WithoutTimes(resumed), Is.EqualTo(WithoutTimes(straight)), "the run record: history, step losses, confusion matrix");
        });
    }

    /// <summary>The first run's record without its wall-clock times, the one thing a resumed run may change.</summary>
    private static string WithoutTimes(JsonObject result)
    {
        var run = result["runs"]![0]!.DeepClone().AsObject();
        run.Remove("seconds");
        foreach (var epoch in run["history"]!.AsArray()) epoch!.AsObject().Remove("seconds");
        return run.ToJsonString();
    }

    private Process Start(string results)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "repro.dll"), "run", "--profile", "full", Experiment, "--threads", "1", "--results", Path.Combine(root, results) })
            start.ArgumentList.Add(argument);
        start.Environment["REPRO_OFFLINE"] = "1";
        var process = Process.Start(start)!;
        // Read as it comes, so a full pipe never blocks the run.
        process.OutputDataReceived += (_, line) => { lock (process) Output(process).AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (process) Output(process).AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, System.Text.StringBuilder> Outputs = new();

    private static System.Text.StringBuilder Output(Process process) => Outputs.GetValue(process, _ => new());

    private static (int Code, string Output) Finish(Process process)
    {
        using (process)
        {
            if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (process) return (process.ExitCode, Output(process).ToString());
        }
    }

    private void WaitForCheckpoint(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(Checkpoints) && Directory.GetFiles(Checkpoints, "*.checkpoint").Length > 0))
        {
            Assert.That(process.HasExited, Is.False, "the run ended before its first checkpoint");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(3)), "no checkpoint appeared");
            Thread.Sleep(20);
        }
    }

    private JsonObject Result(string results) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(root, results, "cpu", "full", Experiment, "result.json")))!.AsObject();

    /// <summary>Each run must train, not reuse the straight run's numbers from the run cache.</summary>
    private void ClearRunCache()
    {
        var runs = Path.Combine(root, "artifacts", "cache", "runs");
        if (Directory.Exists(runs)) Directory.Delete(runs, recursive: true);
    }
}
