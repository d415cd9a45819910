namespace Repro.Reproduction.Reporting;

/// <summary>Pipe-table lines; every cell is escaped so that a '|' or line break in a note cannot split a row.</summary>
internal static class MarkdownTable
{
    public static IEnumerable<string> Header(IReadOnlyList<string> columns) =>
        [Row(columns), Row(columns.Select(_ => "---"))];

    public static string Row(IEnumerable<string> cells) =>
        "| " + string.Join(" | ", cells.Select(Escape)) + " |";

    public static string Escape(string text) =>
        text.Replace("|", "\\|").Replace("\r\n", " ").Replace('\n', ' ');
}
