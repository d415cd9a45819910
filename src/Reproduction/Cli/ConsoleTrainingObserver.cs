using Repro.Reproduction.Runs;
using Repro.Reproduction.Training;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// Shows progress: on an interactive terminal a live line with the training (i of n), the epoch,
/// a step bar and the ETA of the epoch, the run and the whole batch; always one Keras-style line
/// per finished epoch and one per finished experiment, which is what a CI log keeps.
/// </summary>
public sealed class ConsoleTrainingObserver : IRunObserver
{
    private readonly bool interactive = AnsiConsole.Profile.Capabilities.Interactive;
    private readonly DateTime batchStart = DateTime.UtcNow;
    private string current = "";
    private int trainingIndex, trainingTotal, epoch, epochs, steps, lastDrawn = -1;
    private DateTime runStart, epochStart;

    public void TrainingStarted(TrainingRun run, int index, int total, IReadOnlyCollection<int> evaluatedAfter)
    {
        (current, trainingIndex, trainingTotal, runStart) = (run.Describe, index, total, DateTime.UtcNow);
        var also = evaluatedAfter.Count > 1 ? $" (evaluated after epochs {string.Join(", ", evaluatedAfter)}: one training serves {evaluatedAfter.Count} runs)" : "";
        AnsiConsole.MarkupLineInterpolated($"[bold]training {index}/{total}[/] {run.Describe} ({run.Profile.Name()}, {run.Epochs} epoch{(run.Epochs == 1 ? "" : "s")}){also}");
    }

    public void TrainingFinished(TrainingRun run, bool reused)
    {
        if (reused) AnsiConsole.MarkupLineInterpolated($"[grey]reused[/] {run.Describe}: same run key {run.Key} in the run cache");
    }

    public void CachedRunRejected(TrainingRun run, string rejection) =>
        AnsiConsole.MarkupLineInterpolated($"[yellow]not reused[/] {run.Describe}: {rejection}; retraining");

    public void CheckpointRejected(TrainingRun run, string rejection) =>
        AnsiConsole.MarkupLineInterpolated($"[yellow]not resumed[/] {run.Describe}: {rejection}; the training restarts at epoch 1");

    public void TrainingResumed(TrainingRun run, int epoch) =>
        AnsiConsole.MarkupLineInterpolated($"[green]resumed[/] {run.Describe} from its checkpoint after epoch {epoch}");

    public void ExperimentFinished(ExperimentOutcome outcome)
    {
        if (outcome is CompletedExperiment done)
            AnsiConsole.MarkupLineInterpolated($"[green]done[/] {done.Experiment.Id}: {ResultTable.Headline(done.Seeds[0].Metrics)}");
    }

    public void EpochStarted(int epoch, int epochs, int steps)
    {
        (this.epoch, this.epochs, this.steps, epochStart, lastDrawn) = (epoch, epochs, steps, DateTime.UtcNow, -1);
    }

    public void StepCompleted(int step)
    {
        if (!interactive) return;
        var percent = step * 100 / steps;
        if (percent == lastDrawn) return;
        lastDrawn = percent;
        var now = DateTime.UtcNow;
        var epochEta = (now - epochStart) / step * (steps - step);
        var perEpoch = epoch > 1 ? (epochStart - runStart) / (epoch - 1) : (now - epochStart) / step * steps;
        var runEta = epochEta + (perEpoch * (epochs - epoch));
        var perTraining = (now - batchStart) / Math.Max(1, trainingIndex - 1 + ((epoch - 1 + (double)step / steps) / epochs));
        var batchEta = runEta + (perTraining * (trainingTotal - trainingIndex));
        var bar = new string('=', percent / 5).PadRight(20, '.');
        Console.Write($"\r  [{trainingIndex}/{trainingTotal}] epoch {epoch}/{epochs} {step,5}/{steps} [{bar}] {percent,3}%  ETA epoch {Clock(epochEta)}, run {Clock(runEta)}, all {Clock(batchEta)}   ");
    }

    public void EpochCompleted(EpochRecord r)
    {
        if (interactive) Console.Write("\r" + new string(' ', 120) + "\r");
        var validation = double.IsFinite(r.ValidationLoss) ? $" - val_loss: {r.ValidationLoss:F4} - val_accuracy: {r.ValidationAccuracy:F4}" : "";
        AnsiConsole.MarkupLineInterpolated(
            $"  [grey]{current}[/] epoch {r.Epoch}/{epochs} - {r.Seconds:F1}s - loss: {r.Loss:F4} - accuracy: {r.Accuracy:F4}{validation}");
    }

    private static string Clock(TimeSpan span) => span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m" : $"{span.Minutes:D2}:{span.Seconds:D2}";
}
