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
        var allowMismatch = new Option<bool>("--allow-mismatch")
        {
            Description = "Also accept received files that gate another seed, profile or device class, or another definition without a version bump.",
        };
        var command = new Command("accept", "Accept the received baselines left by failing gates: each <id>.received.json replaces <id>.verified.json.");
        command.Options.Add(baselines);
        command.Options.Add(allowMismatch);
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

            return Run(dir, parseResult.GetValue(allowMismatch), output, error);
        });
        return command;
    }

    private static int Run(string dir, bool allowMismatch, TextWriter output, TextWriter error)
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
            // Every folder's received files are checked, identity included, before any is moved: one refusal accepts nothing.
            foreach (var folder in folders) Snapshots.CheckAcceptable(folder, allowMismatch);
            var accepted = folders.SelectMany(f => Snapshots.MovePending(f).Select(id => new Snapshots(f, id))).ToList();
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
            return [.. next.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}: new {Summary(m.Value)}")];
        }

        var lines = new List<string>();
        foreach (var name in previous.Metrics.Keys.Union(next.Metrics.Keys).Order(StringComparer.Ordinal))
        {
            var had = previous.Metrics.GetValueOrDefault(name);
            var has = next.Metrics.GetValueOrDefault(name);
            var before = had is null ? "(none)" : Summary(had);
            var after = has is null ? "(removed)" : Summary(has);
            if (before != after) lines.Add($"{name}: {before} → {after}");
        }

        AddIfChanged(lines, "version", previous.Version.ToString(), next.Version.ToString());
        AddIfChanged(lines, "definition_hash", previous.DefinitionHash, next.DefinitionHash);
        AddIfChanged(lines, "seeds", string.Join(", ", previous.Seeds), string.Join(", ", next.Seeds));
        AddIfChanged(lines, "engine", previous.Engine.Id, next.Engine.Id);
        return lines.Count == 0 ? ["unchanged"] : lines;
    }

    private static string Summary(BaselineMetric metric) => metric switch
    {
        IntervalMetric d => $"{Number(d.Values[0])} (seed value), interval [{Number(d.Interval.Low)}, {Number(d.Interval.High)}] ({d.Basis})",
        TraceMetric t => $"{t.Values.Count} value(s) from {Number(t.Values[0])}",
        _ => metric.ToString(),
    };

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static void AddIfChanged(List<string> lines, string what, string before, string after)
    {
        if (before != after)
        {
            lines.Add($"{what}: '{before}' → '{after}'");
        }
    }
}
