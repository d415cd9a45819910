using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Reporting;
using Repro.Reproduction.Runs;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro report` on an empty dataset cache: its not-run reasons come from the disk alone (asking the network is
/// `repro data`'s job), its header names the libtorch the results recorded, and a --results folder that does not
/// exist is an error, not a table of "not run".
/// </summary>
[NonParallelizable]
public sealed class ReportCommandTests
{
    private string _folder = null!;
    private string? _data;
    private string? _offline;

    private string Results => Path.Combine(_folder, "results");

    private string Output => Path.Combine(_folder, "report", "reproduction.md");

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "repro-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Results);
        _data = Environment.GetEnvironmentVariable(DatasetStore.DataVariable);
        _offline = Environment.GetEnvironmentVariable(DatasetStore.OfflineVariable);
        // An empty cache leaves CIFAR-10 missing (no system package holds it), and downloads allowed is when
        // `repro data list` would look up its mirror's host: the report must not.
        Environment.SetEnvironmentVariable(DatasetStore.DataVariable, Path.Combine(_folder, "cache"));
        Environment.SetEnvironmentVariable(DatasetStore.OfflineVariable, null);
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(DatasetStore.DataVariable, _data);
        Environment.SetEnvironmentVariable(DatasetStore.OfflineVariable, _offline);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void The_attempt_counter_sees_a_host_name_lookup()
    {
        using var network = new NetworkAttempts();

        Dns.GetHostAddresses("localhost");

        Assert.That(network.Seen, Has.Some.Contains("ResolutionStart"));
    }

    [Test]
    public void The_report_never_uses_the_network_and_sends_missing_data_to_repro_data_fetch()
    {
        using var network = new NetworkAttempts();

        var report = Run("report", "--results", Results, "--output", Output);

        Assert.That(network.Seen, Is.Empty);
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
        Assert.That(File.ReadAllText(Output), Does.Contain(
            "not run: data missing: cifar-10 not on this machine; `repro data fetch cifar-10` downloads it or says where to put the files"));
    }

    [Test]
    public void The_header_names_the_libtorch_the_results_were_trained_with()
    {
        var experiment = Report003.LeNet5HoldOut;
        var result = new JsonObject
        {
            ["experiment"] = new JsonObject { ["id"] = experiment.Id, ["version"] = experiment.Version, ["definition_hash"] = CanonicalDefinition.Hash(experiment) },
            ["profile"] = "full",
            ["device"] = "cpu",
            ["data"] = new JsonObject { ["origin"] = "real" },
            ["seeds"] = new JsonArray(new JsonObject { ["seed"] = experiment.Seed, ["metrics"] = new JsonObject { ["test_accuracy"] = 0.9 } }),
            ["manifest"] = new JsonObject
            {
                ["training_seconds"] = 1.0,
                ["engine"] = new Repro.Reproduction.Engine.EngineFingerprint("9.8.7", "b", "blas", "AVX2", "cpu", "none", 1, "cpu", false, "code").ToJson(),
            },
        };
        var path = RepositoryPaths.ResultJson(Results, "cpu", "full", experiment.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, result.ToJsonString());

        var report = Run("report", "--results", Results, "--output", Output);

        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
        Assert.That(File.ReadAllLines(Output)[2], Does.EndWith("(device class cpu, trained with libtorch 9.8.7)."));
    }

    [Test]
    public void A_results_folder_that_does_not_exist_is_an_error_and_writes_nothing()
    {
        var mistyped = Path.Combine(_folder, "resluts");

        var report = Run("report", "--results", mistyped, "--output", Output);

        Assert.That(report.ExitCode, Is.Not.EqualTo(0));
        Assert.That(report.Error, Does.Contain($"{mistyped} does not exist").And.Contain("artifacts/results"));
        Assert.That(File.Exists(Output), Is.False);
    }

    [Test]
    public void The_printed_summary_fits_80_columns_without_escapes_and_names_every_inconsistent_number()
    {
        // Report 003's seeds a tenth below every printed number: each of them comes out inconsistent, and the summary must list them.
        ResultFixture.Write(Results, Report004.FinalRun, seed: 3);
        ResultFixture.Write(Results, Report003.LeNet5HoldOut, seed: 4, offset: -0.1);

        var report = Run("report", "--results", Results, "--output", Output);

        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
        var lines = report.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = ExperimentRegistry.All.Select(experiment => experiment.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Where(line => !line.StartsWith("wrote ", StringComparison.Ordinal)), Has.All.Length.LessThanOrEqualTo(80));
            // An ordinal search: a culture-aware one ignores control characters such as ESC.
            Assert.That(report.Output.Contains('\u001b', StringComparison.Ordinal), Is.False, "no colour or hyperlink escapes when the output is not a terminal");
            Assert.That(lines, Has.Some.StartsWith("004 ").And.Some.StartsWith("003 "));
            // A line never ends inside an id or a metric name: every word that starts like an id is a whole one.
            Assert.That(lines.SelectMany(line => line.Split(' ')).Where(word => Regex.IsMatch(word, @"^00[1-4]-")), Has.All.Matches<string>(ids.Contains));
        });
        var inconsistent = File.ReadAllLines(Path.Combine(_folder, "report", "summary.md")).Where(line => line.Contains("inconsistent (p", StringComparison.Ordinal)).ToList();
        Assert.That(inconsistent, Has.Count.GreaterThanOrEqualTo(Report003.LeNet5HoldOut.Reported.Count), "the offset seeds are meant to be inconsistent");
        Assert.That(lines.Count(line => line.TrimStart().StartsWith("inconsistent: ", StringComparison.Ordinal)), Is.EqualTo(inconsistent.Count));
    }

    [Test]
    public void Piped_to_another_program_the_summary_is_plain_text()
    {
        ResultFixture.Write(Results, Report003.LeNet5HoldOut, seed: 4, offset: -0.1);
        var repro = Path.Combine(AppContext.BaseDirectory, "repro.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [repro, "report", "--results", Results, "--output", Output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [DatasetStore.DataVariable] = Path.Combine(_folder, "cache"), ["TERM"] = "xterm-256color" },
        };

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(0), error);
        Assert.That(output.Result, Does.Contain("inconsistent: 003-lenet5 test_accuracy printed 0.8817"));
        Assert.That(output.Result.Contains('\u001b', StringComparison.Ordinal), Is.False, "a pipe gets no colour or hyperlink escapes, even where TERM names a colour terminal");
    }

    [TestCase("inconsistent: 004-final-cv cv_fold1_accuracy printed 0.9139, Repro 0.912 ± 0.01 (5), inconsistent (p 0.0001)")]
    [TestCase("a-single-word-longer-than-a-line-" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and more words after it")]
    public void Wrapping_breaks_at_spaces_only(string text)
    {
        var lines = TerminalSummary.Wrap(text, "  ").ToList();

        Assert.That(string.Join(' ', lines.Select(line => line.Trim())), Is.EqualTo(text));
        Assert.That(lines.Where(line => line.Trim().Contains(' ')), Has.All.Length.LessThanOrEqualTo(TerminalSummary.Columns));
    }

    private static (int ExitCode, string Error, string Output) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ReportCommand.Create());
        var error = new StringWriter();
        var output = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString(), output.ToString());
    }
}
