using System.CommandLine;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro import &lt;archive or folder&gt;…`: brings results trained on another machine (a GPU's, packed with
/// <see cref="ImportSource.PackCommand"/>) into artifacts/results/&lt;class&gt;/, checked against this Repro first
/// (<see cref="ImportedResult"/>), with their run records, so that the gate, `repro accept` and `repro report` treat them
/// as results made here; then says how to gate and accept them.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = $"Archives made with `{ImportSource.PackCommand}` on the machine that ran, or its artifacts folders (results/<class>/<profile>/<id>/result.json, cache/runs/).",
            Arity = ArgumentArity.OneOrMore,
        };
        var results = new Option<string?>("--results") { Description = "Results folder to import into (default: artifacts/results)." };
        var force = new Option<bool>("--force") { Description = "Replace a result that is here already and differs (by default it is kept and the import refused)." };
        var command = new Command("import", "Import results and run records from another machine, checked against this Repro's definitions and keys.") { inputs, results, force };
        command.SetAction(parse => Import(parse.GetValue(inputs)!, parse.GetValue(results), parse.GetValue(force)));
        return command;
    }

    private static int Import(string[] inputs, string? resultsFolder, bool force)
    {
        var root = resultsFolder is null ? RepositoryPaths.ResultsRoot : Path.GetFullPath(resultsFolder);
        var cache = RunCache.Default();
        var import = new ResultImport(root, cache);
        var imported = new List<ImportedResult>();
        var failed = false;
        var anythingNew = false;
        foreach (var input in inputs)
        {
            ImportSource source;
            try
            {
                source = ImportSource.Open(input);
            }
            catch (InvalidDataException e)
            {
                CliErrors.Report(e.Message);
                failed = true;
                continue;
            }

            using (source)
            {
                var outcome = import.Import(source, force);
                foreach (var group in outcome.Imported.GroupBy(r => (r.DeviceClass, r.Profile, r.Engine)))
                {
                    var engine = group.Key.Engine;
                    AnsiConsole.MarkupLineInterpolated(
                        $"imported [bold]{group.Key.DeviceClass}/{group.Key.Profile}[/]: {string.Join(", ", group.Select(r => r.ExperimentId))} (engine {engine.Id}: libtorch {engine.Libtorch}, {engine.Device}, {engine.Threads} thread(s))");
                }

                if (outcome.Unchanged.Count > 0)
                    AnsiConsole.MarkupLineInterpolated($"here already: {string.Join(", ", outcome.Unchanged.Select(r => $"{r.DeviceClass}/{r.Profile}/{r.ExperimentId}"))}");
                if (outcome.Records == 0) AnsiConsole.MarkupLineInterpolated($"no run records came with {input} (cache/runs)");
                else AnsiConsole.MarkupLineInterpolated($"{outcome.RecordsCopied} new run record(s) of {outcome.Records} into {cache.Folder}");
                if (source.Ignored.Count > 0)
                    AnsiConsole.MarkupLineInterpolated($"ignored {source.Ignored.Count} other file(s) of {input} (only results and cache/runs are imported): {string.Join(", ", source.Ignored.Take(3))}{(source.Ignored.Count > 3 ? ", …" : "")}");
                foreach (var error in outcome.Errors) CliErrors.Report(error);
                if (outcome.Imported.Count == 0 && outcome.RecordsCopied == 0 && outcome.Errors.Count == 0)
                    AnsiConsole.MarkupLineInterpolated($"nothing new in {input}: its {outcome.Unchanged.Count} result(s) and {outcome.Records} run record(s) are here already");
                imported.AddRange(outcome.Imported);
                failed |= outcome.Errors.Count > 0;
                anythingNew |= outcome.Imported.Count > 0;
            }
        }

        if (anythingNew) NextSteps(imported, resultsFolder is null ? null : root);
        return failed ? 1 : 0;
    }

    /// <summary>How to gate, accept and report the classes just imported; the gate and the report read a class by name without its device.</summary>
    private static void NextSteps(IReadOnlyList<ImportedResult> imported, string? root)
    {
        var results = root is null ? "" : $"REPRO_RESULTS={root} ";
        var reportResults = root is null ? "" : $" --results {root}";
        foreach (var deviceClass in imported.Select(r => r.DeviceClass).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            AnsiConsole.MarkupLineInterpolated($"next, for device class [bold]{deviceClass}[/]:");
            AnsiConsole.MarkupLineInterpolated($"  gate them: {results}./build.sh Gate --device {deviceClass}   (or {results}REPRO_DEVICE={deviceClass} dotnet test tests/Regression)");
            AnsiConsole.MarkupLineInterpolated($"  a result without a baseline, or that breaks one, leaves baselines/{deviceClass}/<profile>/<id>.received.json: review it, `repro accept`, and commit baselines/{deviceClass}/");
            AnsiConsole.MarkupLineInterpolated($"  the reproduction table: repro report --device {deviceClass}{reportResults}");
        }
    }
}
