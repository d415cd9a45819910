using System.Text;
using System.Text.RegularExpressions;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// What `repro report` prints: per report its counts and its inconsistent numbers, wrapped to 80 columns at spaces
/// only, so that an experiment id or a metric name is never broken; every line is plain text (colour is added by the
/// caller on a terminal, <see cref="Colour"/>).
/// </summary>
internal static partial class TerminalSummary
{
    public const int Columns = 80;
    private const string Indent = "  ";

    public static IReadOnlyList<string> Lines(IReadOnlyList<ReportSection> sections)
    {
        var lines = new List<string>();
        foreach (var section in sections)
        {
            var counts = section.Counts;
            lines.AddRange(Wrap($"{section.Report.Report} {section.Report.Title}", ""));
            lines.AddRange(Wrap($"{counts.Consistent} consistent, {counts.Inconsistent} inconsistent, {counts.NotRun} not run, {counts.NotCompared} not compared", Indent));
            foreach (var row in section.Rows.Where(row => row.Judged.CountedAs == Tally.Inconsistent))
            {
                lines.AddRange(Wrap(
                    $"inconsistent: {row.Status.Experiment.Id} {row.Number.Metric} printed {TableNumber.Format(row.Number.Value)}, Repro {row.Judged.Reproduced}, {row.Judged.Verdict}",
                    Indent));
            }
        }

        return lines;
    }

    /// <summary>Words of <paramref name="text"/> filled into lines of at most <see cref="Columns"/>; a word longer than a line stands alone.</summary>
    public static IEnumerable<string> Wrap(string text, string indent)
    {
        var line = new StringBuilder(indent);
        var continuation = indent + Indent;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var atStart = line.Length == indent.Length || line.ToString() == continuation;
            if (!atStart && line.Length + 1 + word.Length > Columns)
            {
                yield return line.ToString();
                line.Clear().Append(continuation);
                atStart = true;
            }

            if (!atStart) line.Append(' ');
            line.Append(word);
        }

        if (line.ToString().Trim().Length > 0) yield return line.ToString();
    }

    /// <summary>A summary line as Spectre markup with the counts coloured, for a terminal.</summary>
    public static string Colour(string line) =>
        Counted().Replace(Spectre.Console.Markup.Escape(line), match => match.Groups["kind"].Value switch
        {
            "inconsistent" => $"[red]{match.Value}[/]",
            "consistent" => $"[green]{match.Value}[/]",
            "not run" => $"[grey]{match.Value}[/]",
            _ => $"[darkorange]{match.Value}[/]",
        });

    [GeneratedRegex(@"\b\d+ (?<kind>inconsistent|consistent|not run|not compared)\b|^\s*(?<kind>inconsistent):")]
    private static partial Regex Counted();
}
