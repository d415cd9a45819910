using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Data;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Reporting;
using Repro.Reproduction.Runs;
using Spectre.Console;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro report`: artifacts/report/reproduction.md, every number the reports printed next to
/// its full-profile reproduction on this device class, with a verdict, or why it did not run.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<string?>("--results") { Description = "Results folder (default: artifacts/results)." };
        var output = new Option<string?>("--output") { Description = "Where to write the table (default: artifacts/report/reproduction.md)." };
        var deviceOption = new Option<string>("--device") { Description = "Whose results: cpu, cuda, or auto (as `repro run --device`).", DefaultValueFactory = _ => "cpu" };
        var command = new Command("report", "Write the reproduction table: every printed number, its reproduction, and a verdict.") { results, output, deviceOption };
        command.SetAction(parse =>
        {
            ComputeDevice compute;
            try
            {
                compute = ComputeDevice.Resolve(parse.GetValue(deviceOption)!);
            }
            catch (ArgumentException e)
            {
                return CliErrors.Report(e.Message);
            }

            var device = compute.DeviceClass;
            var root = parse.GetValue(results) is { } folder ? Path.GetFullPath(folder) : RepositoryPaths.ResultsRoot;
            var path = parse.GetValue(output) ?? Path.Combine(RepositoryPaths.Artifacts, "report", "reproduction.md");
            var store = DatasetStore.Default();
            var runner = new ExperimentRunner(new ExperimentDataLoader(store), RunCache.Default(),
                new ExperimentRunner.Settings(RunProfile.Full, 1, null, EngineFingerprint.Current(device), Path.Combine(store.CacheRoot, "weights"), compute.Device),
                new ConsoleTrainingObserver());
            var generated = $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from {Path.Combine(root, device, "full")} (device class {device}, libtorch {__version__}).";
            var markdown = ReproductionTable.Render(ExperimentRegistry.Reports,
                e => ExperimentStatus.Read(e, root, device, runner.NotRunReason), generated);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, markdown);
            foreach (var line in markdown.Split('\n').SkipWhile(l => !l.StartsWith("## Summary", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
                if (line.Length > 0) AnsiConsole.WriteLine(line);
            AnsiConsole.MarkupLineInterpolated($"wrote [link]{path}[/]");
            return 0;
        });
        return command;
    }
}
