using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// Turns the first Ctrl-C into a request to stop at a clean point (the end of the current epoch, after
/// its checkpoint) instead of killing the process; a second Ctrl-C kills it as usual, and the last
/// checkpoint still resumes.
/// </summary>
public sealed class CtrlCStop : IDisposable
{
    private readonly CancellationTokenSource source = new();

    public CtrlCStop() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken Token => source.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested) return;
        e.Cancel = true;
        source.Cancel();
        AnsiConsole.MarkupLine("[yellow]stopping after this epoch's checkpoint[/] (Ctrl-C again to kill at once)");
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        source.Dispose();
    }
}
