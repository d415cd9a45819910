using System.CommandLine;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>The `repro` command line: each sub-command lives in its own file and is added here.</summary>
public static class ReproCli
{
    public const string DebugVariable = "REPRO_DEBUG";

    public static async Task<int> RunAsync(string[] args)
    {
        // Logs and pipes have no width; keep tables on one line each instead of wrapping at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
        var root = new RootCommand("Repro: reproduce the CNN experiments of the source reports and gate them against baselines.");
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(AcceptCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ParityCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create());
        try
        {
            // Exceptions reach the handler below instead of System.CommandLine's, which prints a stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable(DebugVariable) != "1")
        {
            // A registry that cannot be built (two reports claiming one id) fails in a type initializer, whose own message says nothing.
            var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
            return CliErrors.Report($"{cause.Message} ({cause.GetType().Name}; set {DebugVariable}=1 to see where it happened)");
        }
    }
}
