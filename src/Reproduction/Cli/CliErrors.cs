using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>One way to print a user-facing error: the message alone, no stack trace.</summary>
public static class CliErrors
{
    public static int Report(string message)
    {
        AnsiConsole.Console.Write(new Markup($"[red]error:[/] {Markup.Escape(message)}\n"));
        return 1;
    }
}
