using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Reporting;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro report`: artifacts/report/reproduction.md, every number the reports printed next to
/// its full-profile reproduction on this device class, with a verdict, or why it did not run; beside it
/// index.html (the same as a web page with charts) and summary.md (the counts and inconsistent numbers for a
/// CI job summary); and a summary on the console.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<string?>("--results") { Description = "Results folder (default: artifacts/results)." };
        var output = new Option<string?>("--output") { Description = "Where to write the table (default: artifacts/report/reproduction.md); index.html and summary.md go beside it." };
        var deviceOption = new Option<string>("--device")
        {
            Description = "Whose results: cpu, cuda or auto (as `repro run --device`), or a device class by name (cuda-sm90).", DefaultValueFactory = _ => "cpu",
        };
        var command = new Command("report", "Write the reproduction table: every printed number, its reproduction, and a verdict.") { results, output, deviceOption };
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(results) is { } folder ? Path.GetFullPath(folder) : null;
            if (chosen is not null && !Directory.Exists(chosen))
            {
                // A mistyped --results must not rewrite the table as all "not run".
                parse.InvocationConfiguration.Error.WriteLine(
                    $"Results folder {chosen} does not exist. Leave --results out to use the default, artifacts/results under the repository root.");
                return 1;
            }

            string device;
            try
            {
                device = ComputeDevice.ClassOf(parse.GetValue(deviceOption)!);
            }
            catch (ArgumentException e)
            {
                return CliErrors.Report(e.Message);
            }

            var root = chosen ?? RepositoryPaths.ResultsRoot;
            var path = parse.GetValue(output) ?? Path.Combine(RepositoryPaths.Artifacts, "report", "reproduction.md");
            var store = DatasetStore.Default();
            var prerequisites = new FullRunPrerequisites(new ExperimentDataLoader(store), new PretrainedWeightFiles(store));
            var statuses = ExperimentRegistry.All.ToDictionary(e => e.Id, e => ExperimentStatus.Read(e, root, device, prerequisites.Missing), StringComparer.Ordinal);
            var sections = ReproductionTable.Sections(ExperimentRegistry.Reports, e => statuses[e.Id]);
            var generated = GeneratedLine(root, device, statuses.Values);
            var reportFolder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var page = Path.Combine(reportFolder, "index.html");
            Directory.CreateDirectory(reportFolder);
            File.WriteAllText(path, ReproductionTable.Render(sections, generated));
            File.WriteAllText(page, HtmlReport.Render(sections, generated, GateRows.Read(Path.Combine(reportFolder, "gate.md"))));
            File.WriteAllText(Path.Combine(reportFolder, "summary.md"), JobSummary.Render(sections, generated));
            PrintSummary(parse.InvocationConfiguration.Output, TerminalSummary.Lines(sections), [path, page]);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The summary, coloured and with links only on a terminal: redirected to a file or a pipe (CI logs), it is plain
    /// text without escape sequences.
    /// </summary>
    private static void PrintSummary(TextWriter output, IReadOnlyList<string> lines, IReadOnlyList<string> written)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        foreach (var line in lines)
        {
            if (terminal) AnsiConsole.MarkupLine(TerminalSummary.Colour(line));
            else output.WriteLine(line);
        }

        foreach (var file in written)
        {
            if (terminal) AnsiConsole.MarkupLineInterpolated($"wrote [link]{file}[/]");
            else output.WriteLine($"wrote {file}");
        }
    }

    /// <summary>
    /// Names the libtorch versions the results were trained with, as their manifests record them. Asking the
    /// libtorch at hand instead would start it (most of a second) and say nothing about results made elsewhere.
    /// </summary>
    private static string GeneratedLine(string root, string device, IEnumerable<ExperimentStatus> statuses)
    {
        var versions = statuses.Select(s => s.Result?.Engine?.Libtorch).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var trainedWith = versions.Count == 0 ? "" : $", trained with libtorch {string.Join(", ", versions)}";
        return $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from {Path.Combine(root, device, "full")} (device class {device}{trainedWith}).";
    }
}
