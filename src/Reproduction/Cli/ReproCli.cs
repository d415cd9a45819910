using System.CommandLine;

namespace Repro.Reproduction.Cli;

/// <summary>The `repro` command line: each sub-command lives in its own file and is added here.</summary>
public static class ReproCli
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Repro: reproduce the CNN experiments of the source reports and gate them against baselines.");
        return root.Parse(args).InvokeAsync();
    }
}
