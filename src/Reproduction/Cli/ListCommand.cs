using System.CommandLine;
using Repro.Experiments;
using Spectre.Console;

namespace Repro.Reproduction.Cli;

/// <summary>`repro list`: every registered experiment with its report, data and protocol.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the registered experiments.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("id", "version", "report", "dataset", "protocol", "seed", "reported test accuracy");
            foreach (var e in ExperimentRegistry.All)
            {
                var t = e.Training;
                var accuracy = e.Reported.FirstOrDefault(r => r.Metric == "test_accuracy");
                table.AddRow(e.Id, e.Version.ToString(), e.Source.Report, e.Data.DatasetId,
                    Markup.Escape($"hold-out {1 - t.ValidationSplit:P0}/{t.ValidationSplit:P0}, {t.Epochs} epochs × batch {t.BatchSize}"),
                    e.Seed.ToString(), accuracy is null ? "-" : $"{accuracy.Value:F4}");
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
