using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// Shows progress: on an interactive terminal a live line with every running training (i of n, its
/// epoch and step, and with one training a step bar and the ETA of the epoch and the run) and the ETA
/// of the whole batch; always one Keras-style line per finished epoch, prefixed with its training, and
/// one per finished experiment, which is what a CI log keeps. Trainings may report from several threads.
/// </summary>
public sealed class ConsoleTrainingObserver : IRunObserver
{
    private readonly bool interactive = AnsiConsole.Profile.Capabilities.Interactive;
    private readonly DateTime batchStart = DateTime.UtcNow;
    private readonly Lock console = new();
    private readonly List<Training> running = [];
    private int finished, total;
    private string lastLine = "";

    public ITrainingObserver TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter)
    {
        var training = new Training(this, run.Describe, index);
        var also = evaluatedAfter.Count > 1 ? $" (evaluated after epochs {string.Join(", ", evaluatedAfter)}: one training serves {evaluatedAfter.Count} runs)" : "";
        lock (console)
        {
            this.total = total;
            running.Add(training);
            ClearLiveLine();
            AnsiConsole.MarkupLineInterpolated($"[bold]training {index}/{total}[/] {run.Describe} ({run.Profile.Name()}, {run.Epochs} epoch{(run.Epochs == 1 ? "" : "s")}){also}");
        }
        return training;
    }

    public void TrainingFinished(TrainingRun run, bool reused)
    {
        lock (console)
        {
            if (reused)
            {
                ClearLiveLine();
                AnsiConsole.MarkupLineInterpolated($"[grey]reused[/] {run.Describe}: same run key {run.Key} in the run cache");
                return;
            }
            running.RemoveAll(t => t.Describe == run.Describe);
            finished++;
        }
    }

    public void CachedRunRejected(TrainingRun run, string rejection) =>
        Line($"[yellow]not reused[/] {Markup.Escape(run.Describe)}: {Markup.Escape(rejection)}; retraining");

    public void CheckpointRejected(TrainingRun run, string rejection) =>
        Line($"[yellow]not resumed[/] {Markup.Escape(run.Describe)}: {Markup.Escape(rejection)}; the training restarts at epoch 1");

    public void TrainingResumed(TrainingRun run, int epoch) =>
        Line($"[green]resumed[/] {Markup.Escape(run.Describe)} from its checkpoint after epoch {epoch}");

    public void ExperimentFinished(ExperimentOutcome outcome)
    {
        if (outcome is CompletedExperiment done)
            Line($"[green]done[/] {Markup.Escape(done.Experiment.Id)}: {Markup.Escape(ResultTable.Headline(done.Seeds[0].MetricValues))}");
    }

    private void Line(string markup)
    {
        lock (console)
        {
            ClearLiveLine();
            AnsiConsole.MarkupLine(markup);
        }
    }

    private void ClearLiveLine()
    {
        if (!interactive || lastLine.Length == 0) return;
        Console.Write("\r" + new string(' ', lastLine.Length) + "\r");
        lastLine = "";
    }

    /// <summary>Redraws the live line when a training's percentage changed; call under the console lock.</summary>
    private void Draw()
    {
        var now = DateTime.UtcNow;
        var done = finished + running.Sum(t => t.Fraction);
        var batchEta = done > 0 ? (now - batchStart) / done * (total - done) : TimeSpan.Zero;
        string line;
        if (running.Count == 1)
        {
            var t = running[0];
            var bar = new string('=', t.Percent / 5).PadRight(20, '.');
            line = $"  [{t.Index}/{total}] epoch {t.Epoch}/{t.Epochs} {t.Step,5}/{t.Steps} [{bar}] {t.Percent,3}%  ETA epoch {Clock(t.EpochEta(now))}, run {Clock(t.RunEta(now))}, all {Clock(batchEta)}";
        }
        else
        {
            line = "  " + string.Join("  ", running.OrderBy(t => t.Index).Select(t => $"[{t.Index}/{total}] e{t.Epoch}/{t.Epochs} {t.Percent,3}%")) + $"  ETA all {Clock(batchEta)}";
        }
        var width = Math.Max(40, Console.IsOutputRedirected ? 200 : Console.WindowWidth - 1);
        if (line.Length > width) line = line[..width];
        Console.Write("\r" + line.PadRight(lastLine.Length));
        lastLine = line;
    }

    private static string Clock(TimeSpan span) => span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m" : $"{span.Minutes:D2}:{span.Seconds:D2}";

    /// <summary>One running training's progress.</summary>
    private sealed class Training(ConsoleTrainingObserver owner, string describe, int index) : ITrainingObserver
    {
        private readonly DateTime start = DateTime.UtcNow;
        private DateTime epochStart;

        public string Describe => describe;
        public int Index => index;
        public int Epoch { get; private set; }
        public int Epochs { get; private set; }
        public int Step { get; private set; }
        public int Steps { get; private set; } = 1;
        public int Percent => Step * 100 / Steps;

        /// <summary>How much of the training is done, in [0, 1].</summary>
        public double Fraction => Epochs == 0 ? 0 : (Epoch - 1 + (double)Step / Steps) / Epochs;

        public TimeSpan EpochEta(DateTime now) => Step == 0 ? TimeSpan.Zero : (now - epochStart) / Step * (Steps - Step);

        public TimeSpan RunEta(DateTime now)
        {
            var perEpoch = Epoch > 1 ? (epochStart - start) / (Epoch - 1) : Step == 0 ? TimeSpan.Zero : (now - epochStart) / Step * Steps;
            return EpochEta(now) + (perEpoch * (Epochs - Epoch));
        }

        public void EpochStarted(int epoch, int epochs, int steps)
        {
            lock (owner.console) (Epoch, Epochs, Steps, Step, epochStart) = (epoch, epochs, Math.Max(1, steps), 0, DateTime.UtcNow);
        }

        public void StepCompleted(int step)
        {
            if (!owner.interactive) return;
            lock (owner.console)
            {
                var before = Percent;
                Step = step;
                if (Percent != before) owner.Draw();
            }
        }

        public void EpochCompleted(EpochRecord r)
        {
            var validation = double.IsFinite(r.ValidationLoss) ? $" - val_loss: {r.ValidationLoss:F4} - val_accuracy: {r.ValidationAccuracy:F4}" : "";
            lock (owner.console)
            {
                owner.ClearLiveLine();
                AnsiConsole.MarkupLineInterpolated(
                    $"  [grey]{describe}[/] epoch {r.Epoch}/{Epochs} - {r.Seconds:F1}s - loss: {r.Loss:F4} - accuracy: {r.Accuracy:F4}{validation}");
            }
        }
    }
}
