using System.CommandLine;
using Repro.Experiments;
using Repro.Reproduction.Cli;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>`repro list --test-budget`: what the build's Test target reads to fill its two lanes.</summary>
public class ListCommandTests
{
    [Test]
    public void Test_budget_prints_the_budget_ids_alone_longest_estimated_first()
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ListCommand.Create());
        var output = new StringWriter();
        var exitCode = root.Parse(["list", "--test-budget"]).Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });

        var ids = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var estimates = ids.Select(id => TimeEstimate.Of(ExperimentRegistry.Find(id))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(ids, Is.EquivalentTo(ExperimentRegistry.All.Where(e => e.InCpuTestBudget).Select(e => e.Id)));
            Assert.That(estimates, Is.Ordered.Descending);
        });
    }
}
