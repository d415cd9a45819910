using System.CommandLine;
using Repro.Reproduction.Gate;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro accept [--baselines &lt;dir&gt;]`: promotes every *.received.json over its *.verified.json,
/// the Verify "accept" step. The received files are what failing gates left for review; accepting
/// is a deliberate act whose result shows up in the pull-request diff of baselines/.
/// </summary>
public static class AcceptCommand
{
    public static Command Create()
    {
        var baselines = new Option<string>("--baselines")
        {
            Description = "The folder of *.verified.json / *.received.json files (default: baselines/ under the repository root).",
        };
        var command = new Command("accept", "Accept the received baselines left by failing gates: each <id>.received.json replaces <id>.verified.json.");
        command.Options.Add(baselines);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            string dir;
            try
            {
                dir = parseResult.GetValue(baselines) ?? RepositoryPaths.Baselines;
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }

            return Run(dir, output, error);
        });
        return command;
    }

    private static int Run(string dir, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(dir))
        {
            // A mistyped --baselines must not look like "nothing to accept".
            error.WriteLine($"Baselines folder {dir} does not exist.");
            return 1;
        }

        try
        {
            // Baselines live in one folder per device class and profile (baselines/cpu/full, …).
            var folders = Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories).Prepend(dir).Order(StringComparer.Ordinal).ToList();
            // Read both sides, and validate every received file, before any move.
            var changes = folders.SelectMany(f => Snapshots.Pending(f).Select(id => new Snapshots(f, id)))
                .ToDictionary(s => s.ReceivedPath, Describe);
            var accepted = folders.SelectMany(f => Snapshots.Accept(f).Select(id => new Snapshots(f, id))).ToList();
            if (accepted.Count == 0)
            {
                output.WriteLine("nothing to accept");
                return 0;
            }

            foreach (var snapshot in accepted)
            {
                output.WriteLine($"accepted {snapshot.VerifiedPath}");
                foreach (var line in changes.GetValueOrDefault(snapshot.ReceivedPath) ?? [])
                {
                    output.WriteLine($"  {line}");
                }
            }

            return 0;
        }
        catch (BaselineException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine("Nothing was accepted.");
            return 1;
        }
    }

    private static List<string> Describe(Snapshots snapshots)
    {
        var next = Baseline.Load(snapshots.ReceivedPath);
        Baseline? previous = null;
        if (snapshots.HasVerified)
        {
            try
            {
                previous = snapshots.LoadVerified();
            }
            catch (BaselineException)
            {
                return ["replaces a malformed verified file"];
            }
        }

        if (previous is null)
        {
            return [.. next.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}: new {Band(m.Value)}")];
        }

        var lines = new List<string>();
        foreach (var name in previous.Metrics.Keys.Union(next.Metrics.Keys).Order(StringComparer.Ordinal))
        {
            var had = previous.Metrics.GetValueOrDefault(name);
            var has = next.Metrics.GetValueOrDefault(name);
            if (had != has)
            {
                lines.Add($"{name}: {(had is null ? "(none)" : Band(had))} → {(has is null ? "(removed)" : Band(has))}");
            }
        }

        AddIfChanged(lines, "version", previous.Version.ToString(), next.Version.ToString());
        AddIfChanged(lines, "definition_hash", previous.DefinitionHash, next.DefinitionHash);
        AddIfChanged(lines, "profile", previous.Profile, next.Profile);
        AddIfChanged(lines, "device", previous.Device, next.Device);
        AddIfChanged(lines, "bands", previous.Bands, next.Bands);
        return lines.Count == 0 ? ["unchanged"] : lines;
    }

    private static string Band(MetricBand band) =>
        $"{band.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} ± {band.Tolerance.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    private static void AddIfChanged(List<string> lines, string what, string before, string after)
    {
        if (before != after)
        {
            lines.Add($"{what}: '{before}' → '{after}'");
        }
    }
}
