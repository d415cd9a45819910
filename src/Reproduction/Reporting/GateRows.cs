namespace Repro.Reproduction.Reporting;

/// <summary>
/// What the regression gate last said about each experiment, read back from the table it writes
/// (artifacts/report/gate.md, <see cref="Gate.GateSummary"/>): one row per gated metric. The report shows the
/// gate's own verdicts rather than judging the baselines again.
/// </summary>
internal sealed class GateRows
{
    private readonly ILookup<string, Row> rows;

    private GateRows(ILookup<string, Row> rows, string? path)
    {
        this.rows = rows;
        Path = path;
    }

    /// <summary>The table read, or null when the gate has not written one.</summary>
    public string? Path { get; }

    /// <param name="NotRun">The gate did not check the experiment: its result is not required and was not there (the table's ⏭ mark).</param>
    public sealed record Row(string Metric, string Mode, string Allowed, string Received, string Verdict, bool NotRun)
    {
        public bool Passed => Verdict.Contains("pass", StringComparison.Ordinal);
    }

    public static GateRows Read(string path)
    {
        if (!File.Exists(path)) return new GateRows(Array.Empty<(string, Row)>().ToLookup(pair => pair.Item1, pair => pair.Item2), null);
        var parsed = File.ReadLines(path)
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| experiment |", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|'))
            .Where(cells => cells.Length >= 6)
            // The verdict is the last cell and the only one whose text may hold a '|'; a row of an experiment the gate could
            // not check leaves the metric cells empty.
            .Select(cells => (Id: cells[0].Trim(), Verdict: string.Join('|', cells[5..]), Cells: cells))
            .Select(row => (row.Id, Row: new Row(row.Cells[1].Trim(), row.Cells[2].Trim(), row.Cells[3].Trim(), row.Cells[4].Trim(), Verdict(row.Verdict),
                row.Verdict.Contains(Gate.GateSummary.NotRunMark, StringComparison.Ordinal))));
        return new GateRows(parsed.ToLookup(pair => pair.Id, pair => pair.Row, StringComparer.Ordinal), path);
    }

    public IReadOnlyList<Row> Of(string experimentId) => rows[experimentId].ToList();

    /// <summary>The verdict without the table's ✅/❌ marks, which the page shows in colour instead (and not every font has).</summary>
    private static string Verdict(string cell) => cell.Replace("✅", "", StringComparison.Ordinal).Replace("❌", "", StringComparison.Ordinal)
        .Replace(Gate.GateSummary.NotRunMark, "", StringComparison.Ordinal).Trim();
}
