using Repro.Reproduction.Training;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// Shows training progress: a live bar with ETA per epoch on an interactive terminal, and
/// always one Keras-style line per finished epoch, which is what a CI log keeps.
/// </summary>
public sealed class ConsoleTrainingObserver(string experimentId) : ITrainingObserver
{
    private readonly bool interactive = AnsiConsole.Profile.Capabilities.Interactive;
    private int steps, epochs;
    private DateTime epochStart;
    private int lastDrawn = -1;

    public void EpochStarted(int epoch, int epochs, int steps)
    {
        (this.steps, this.epochs) = (steps, epochs);
        epochStart = DateTime.UtcNow;
        lastDrawn = -1;
    }

    public void StepCompleted(int step)
    {
        if (!interactive) return;
        var percent = step * 100 / steps;
        if (percent == lastDrawn) return;
        lastDrawn = percent;
        var elapsed = DateTime.UtcNow - epochStart;
        var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / step * (steps - step));
        var bar = new string('=', percent / 5).PadRight(20, '.');
        Console.Write($"\r  {step,5}/{steps} [{bar}] {percent,3}%  ETA {eta:mm\\:ss}   ");
    }

    public void EpochCompleted(EpochRecord r)
    {
        if (interactive) Console.Write("\r" + new string(' ', 60) + "\r");
        AnsiConsole.MarkupLineInterpolated(
            $"  [grey]{experimentId}[/] epoch {r.Epoch}/{epochs} - {r.Seconds:F1}s - loss: {r.Loss:F4} - accuracy: {r.Accuracy:F4} - val_loss: {r.ValidationLoss:F4} - val_accuracy: {r.ValidationAccuracy:F4}");
    }
}
