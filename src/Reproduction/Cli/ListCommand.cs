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
                    Markup.Escape($"{Describe(t.Validation)}, {t.Epochs} epochs × batch {t.BatchSize}{(t.EarlyStopping is { } es ? $", early stopping (patience {es.Patience})" : "")}"),
                    e.Seed.ToString(), accuracy is null ? "-" : $"{accuracy.Value:F4}");
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static string Describe(ValidationSpec validation) => validation switch
    {
        LastFractionValidation last => $"validation on the last {last.Fraction:P0} of the training set",
        TestSetValidation => "validation on the test set",
        _ => "no validation",
    };
}
