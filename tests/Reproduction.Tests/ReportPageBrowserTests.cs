using System.CommandLine;
using Microsoft.Playwright;
using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro report`'s web page opened in a real headless Chromium (Debian's chromium, driven by Playwright through its
/// executable path): it loads without a console error or a request beyond the file itself, has a section and an
/// index entry for every experiment, and for each experiment with a result its numbers table and every chart, drawn.
/// Screenshots at two laptop sizes are saved into artifacts/report/ for CI to upload.
/// </summary>
[NonParallelizable]
public sealed class ReportPageBrowserTests
{
    /// <summary>Debian's chromium package; Playwright's own browser download does not work offline.</summary>
    private const string ChromiumVariable = "REPRO_CHROMIUM";

    private static readonly Experiment[] WithResults = [Report003.LeNet5HoldOut, Report003.LeNet5DropoutCrossValidation, Report004.FinalRun];

    private string _folder = null!;
    private string? _data;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "repro-page-tests", Guid.NewGuid().ToString("N"));
        _data = Environment.GetEnvironmentVariable(DatasetStore.DataVariable);
        Environment.SetEnvironmentVariable(DatasetStore.DataVariable, Path.Combine(_folder, "cache"));
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(DatasetStore.DataVariable, _data);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_page_opens_in_chromium_without_errors_and_shows_every_experiment_chart_and_table()
    {
        var results = Path.Combine(_folder, "results");
        for (var i = 0; i < WithResults.Length; i++) ResultFixture.Write(results, WithResults[i], seed: i + 1);
        var page = WriteReport(results);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Headless = true });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var tab = await context.NewPageAsync();
        var problems = new List<string>();
        tab.Console += (_, message) => { if (message.Type == "error") problems.Add($"console error: {message.Text}"); };
        tab.PageError += (_, error) => problems.Add($"page error: {error}");
        tab.Request += (_, request) => { if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) problems.Add($"request: {request.Url}"); };

        await tab.GotoAsync(new Uri(page).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

        foreach (var report in ExperimentRegistry.Reports)
        {
            Assert.That(await tab.Locator($"section#report-{report.Report}").CountAsync(), Is.EqualTo(1), $"report {report.Report}");
        }

        foreach (var experiment in ExperimentRegistry.All)
        {
            Assert.That(await tab.Locator($"article[id='{experiment.Id}'] h3").CountAsync(), Is.EqualTo(1), $"section of {experiment.Id}");
            Assert.That(await tab.Locator($"nav#index a[href='#{experiment.Id}']").CountAsync(), Is.EqualTo(1), $"index entry of {experiment.Id}");
        }

        foreach (var experiment in WithResults)
        {
            var article = tab.Locator($"article[id='{experiment.Id}']");
            var judged = experiment.Reported.Count;
            Assert.Multiple(async () =>
            {
                Assert.That(await article.Locator("table.numbers tbody tr").CountAsync(), Is.EqualTo(judged), $"{experiment.Id}: a row per printed number");
                Assert.That(await article.Locator("img.chart.seeds").CountAsync(), Is.EqualTo(judged), $"{experiment.Id}: a seed strip per printed number");
                Assert.That(await article.Locator("img.chart.curve").CountAsync(), Is.EqualTo(2), $"{experiment.Id}: loss and accuracy curves");
                Assert.That(await article.Locator("img.chart.confusion").CountAsync(), Is.EqualTo(1), $"{experiment.Id}: confusion matrix");
                Assert.That(await article.Locator("dl.provenance").CountAsync(), Is.EqualTo(1), $"{experiment.Id}: provenance");
                Assert.That(await article.Locator("table.distance").CountAsync(), Is.EqualTo(experiment.PrintedCourse is null ? 0 : 1), $"{experiment.Id}: printed course against Repro's");
            });
        }

        // A chart that failed to decode has no natural size.
        var charts = await tab.Locator("img.chart").EvaluateAllAsync<int[]>("images => images.map(image => image.complete ? image.naturalWidth : 0)");
        Assert.That(charts, Is.Not.Empty.And.All.GreaterThan(0));
        Assert.That(await tab.Locator("table.summary tbody tr").CountAsync(), Is.EqualTo(ExperimentRegistry.Reports.Count));

        var screenshots = Path.Combine(RepositoryPaths.Artifacts, "report");
        Directory.CreateDirectory(screenshots);
        await tab.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "page-1366x768.png") });
        await tab.SetViewportSizeAsync(1920, 1080);
        await tab.Locator("article[id='003-lenet5']").ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "page-003-lenet5-1920x1080.png") });
        Assert.That(problems, Is.Empty);
    }

    private string WriteReport(string results)
    {
        var output = Path.Combine(_folder, "report", "reproduction.md");
        var root = new RootCommand("test");
        root.Subcommands.Add(ReportCommand.Create());
        var error = new StringWriter();
        var exitCode = root.Parse(["report", "--results", results, "--output", output]).Invoke(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
        Assert.That(exitCode, Is.EqualTo(0), error.ToString());
        return Path.Combine(_folder, "report", "index.html");
    }

    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            Assert.Fail($"No Chromium at {path}: install Debian's chromium package (build/prerequisites.sh does), or set {ChromiumVariable} to a Chromium executable.");
        }

        return path;
    }
}
