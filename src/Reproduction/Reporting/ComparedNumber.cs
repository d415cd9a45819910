using Repro.Experiments;

namespace Repro.Reproduction.Reporting;

/// <summary>One printed number set against its reproduction: the cells of its row and the verdict it is counted under.</summary>
internal sealed record ComparedNumber(string Reproduced, string Difference, string Band, string Verdict, string CountedAs)
{
    // Absorbs the binary noise of decimal literals (0.8884 − 0.8817 is not exactly 0.0067), so that
    // a number exactly on the edge of its band counts as inside it.
    private const double EdgeSlack = 1e-12;

    public static ComparedNumber Of(ReportDefinition report, ExperimentStatus status, ReportedNumber reported)
    {
        var band = NoiseBand.For(report, reported);
        var bandCell = band?.ToString() ?? "";
        var measured = status.FullResult is { } result ? SeedSummary.Of(result, reported.Metric) : null;

        if (status.Exclusion is { } exclusion)
        {
            // The value is still shown for the reader, but neither a difference nor a band invites a comparison.
            var notCompared = Tally.NotCompared(exclusion);
            return new(measured?.ToString() ?? "", "", "", notCompared, notCompared);
        }

        if (status.FullResult is null)
        {
            return new("", "", bandCell, status.NotRunVerdict, Tally.NotRun);
        }

        if (measured is null)
        {
            return new("", "", bandCell, Tally.NotMeasured, Tally.NotMeasured);
        }

        var difference = measured.Mean - reported.Value;
        var row = new ComparedNumber(measured.ToString(), TableNumber.Signed(difference), bandCell, "", "");
        if (band is null)
        {
            return row with { Verdict = Tally.NoBand, CountedAs = Tally.NoBand };
        }

        var excess = Math.Abs(difference) - band.Width;
        return excess <= EdgeSlack
            ? row with { Verdict = Tally.Reproduced, CountedAs = Tally.Reproduced }
            : row with
            {
                Verdict = double.IsFinite(excess) ? $"outside by {TableNumber.Precise(excess)}" : "outside (not a finite number)",
                CountedAs = Tally.Outside,
            };
    }
}
