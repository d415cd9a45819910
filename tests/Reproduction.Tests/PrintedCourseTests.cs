using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The per-epoch logs encoded beside the experiments (PrintedCourses.cs) against the report texts they were extracted
/// from ($REPRO_REPORTS, else shared/reports beside the repository): the committed file is what the extraction script makes of the texts today, every value
/// stands in its epoch's block at the line recorded, and report 002's logs, matched to its runs by position, end
/// where each run's own printed end point says.
/// </summary>
public class PrintedCourseTests
{
    private static string Root => RepositoryPaths.Root;

    private static string Reports => Environment.GetEnvironmentVariable("REPRO_REPORTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(Root, "..", "shared", "reports");

    private static IEnumerable<Experiment> WithCourse => ExperimentRegistry.All.Where(experiment => experiment.PrintedCourse is not null);

    [Test]
    public void The_committed_courses_are_a_fresh_extraction_of_the_report_texts()
    {
        RequireReports();
        var script = new ProcessStartInfo("python3", [Path.Combine(Root, "build", "extract-printed-courses.py"), "--check"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(script)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(0), error);
    }

    [Test]
    public void Every_printed_value_stands_in_its_epoch_block_at_the_line_recorded()
    {
        RequireReports();
        foreach (var experiment in WithCourse)
        {
            var file = experiment.Source.File;
            var lines = File.ReadAllLines(Path.Combine(Reports, file));
            foreach (var epoch in experiment.PrintedCourse!.Epochs)
            {
                var block = Block(lines, epoch.Line);
                Assert.That(lines[epoch.Line - 1], Does.Contain($"Epoch {epoch.Epoch}/"), $"{experiment.Id}: {file} L{epoch.Line}");
                foreach (var (name, value) in epoch.Values)
                {
                    var printed = $"{name}:{value.ToString("F" + PrintedEpoch.Decimals, CultureInfo.InvariantCulture)}";
                    Assert.That(Regex.IsMatch(block, $"(?<![a-z_]){Regex.Escape(printed)}"), $"{experiment.Id} epoch {epoch.Epoch}: '{printed}' is not in {file} from L{epoch.Line}");
                }
            }
        }
    }

    [Test]
    public void Report_002s_logs_end_at_each_runs_printed_last_epoch()
    {
        Assert.That(Report002.Definition.Experiments.Select(run => run.PrintedCourse), Has.All.Not.Null);
        foreach (var run in Report002.Definition.Experiments)
        {
            var last = run.PrintedCourse!.Epochs[^1];
            var printed = run.Reported.ToDictionary(number => number.Metric, number => number.Value);
            Assert.Multiple(() =>
            {
                Assert.That(last.Epoch, Is.EqualTo(printed[MetricNames.EpochsRan]), run.Id);
                Assert.That(last.ValidationLoss, Is.EqualTo(printed[MetricNames.FinalValidationLoss]), run.Id);
                Assert.That(last.ValidationAccuracy, Is.EqualTo(printed[MetricNames.FinalValidationAccuracy]), run.Id);
            });
        }
    }

    [Test]
    public void The_printed_logs_of_reports_001_003_and_004_are_complete()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Report001.HoldOutRun.PrintedCourse!.Epochs.Select(epoch => epoch.Epoch), Is.EqualTo(Enumerable.Range(1, 100)));
            Assert.That(Report001.HoldOutRun.PrintedCourse!.NumberCount, Is.EqualTo(200), "100 epochs of loss and accuracy (no validation)");
            foreach (var experiment in new[] { Report003.LeNet5HoldOut, Report003.LeNet5DropoutHoldOut, Report003.Vgg16TransferHoldOut, Report003.ResNet50TransferHoldOut })
            {
                Assert.That(experiment.PrintedCourse!.Epochs.Select(epoch => epoch.Epoch), Is.EqualTo(Enumerable.Range(1, 10)), experiment.Id);
                Assert.That(experiment.PrintedCourse!.NumberCount, Is.EqualTo(40), experiment.Id);
            }

            Assert.That(Report004.FinalRun.PrintedCourse!.Fold, Is.EqualTo(1));
            Assert.That(Report004.FinalRun.PrintedCourse!.Epochs.Select(epoch => epoch.Epoch), Is.EqualTo(Enumerable.Range(1, 13)), "the log of fold 1 breaks off after epoch 13");
        });
    }

    [Test]
    public void A_log_belongs_to_one_run_and_never_reaches_a_derived_definition()
    {
        var owners = WithCourse.GroupBy(experiment => experiment.PrintedCourse).Where(group => group.Count() > 1).Select(group => string.Join(", ", group.Select(e => e.Id)));
        Assert.That(owners, Is.Empty);
        Assert.That(WithCourse.Select(experiment => experiment.Id), Does.Not.Contain(Report001.CrossValidationRun.Id).And.Not.Contain(Report003.LeNet5DropoutCrossValidation.Id));
    }

    [Test]
    public void Printed_courses_are_outside_the_definition_hash()
    {
        foreach (var experiment in WithCourse)
        {
            Assert.That(CanonicalDefinition.Hash(experiment with { PrintedCourse = null }), Is.EqualTo(CanonicalDefinition.Hash(experiment)), experiment.Id);
        }
    }

    /// <summary>The text from an "Epoch k/N" line to the next, without spaces, line breaks, fences or escapes, as Keras printed it.</summary>
    private static string Block(string[] lines, int line)
    {
        var end = Array.FindIndex(lines, line, text => text.Contains("Epoch ", StringComparison.Ordinal) && Regex.IsMatch(text, @"Epoch \d+/\d+"));
        var text = string.Join("", lines[(line - 1)..(end < 0 ? lines.Length : end)]);
        return Regex.Replace(text[(text.IndexOf('/') + 1)..], @"[\s\\`]", "");
    }

    private static void RequireReports()
    {
        // A clone without the report texts beside it cannot compare with them; it says so instead of passing.
        if (!Directory.Exists(Reports))
            Assert.Ignore($"The report texts are not at {Reports}, so the extraction cannot be checked here: set REPRO_REPORTS to their folder.");
    }
}
