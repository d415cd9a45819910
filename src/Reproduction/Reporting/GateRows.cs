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

    public sealed record Row(string Metric, string Mode, string Allowed, string Received, string Verdict)
    {
        public bool Passed => Verdict.Contains("pass", StringComparison.Ordinal);

        /// <summary>The gate did not check the experiment: its result is not required and was not there.</summary>
        public bool NotRun => Verdict.StartsWith("NOT RUN", StringComparison.Ordinal);
    }

    public static GateRows Read(string path)
    {
        if (!File.Exists(path)) return new GateRows(Array.Empty<(string, Row)>().ToLookup(pair => pair.Item1, pair => pair.Item2), null);
        var parsed = File.ReadLines(path)
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| experiment |", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split(" | "))
            .Where(cells => cells.Length == 6)
            .Select(cells => (Id: cells[0].Trim(), Row: new Row(cells[1].Trim(), cells[2].Trim(), cells[3].Trim(), cells[4].Trim(), Verdict(cells[5]))));
        return new GateRows(parsed.ToLookup(pair => pair.Id, pair => pair.Row, StringComparer.Ordinal), path);
    }

    public IReadOnlyList<Row> Of(string experimentId) => rows[experimentId].ToList();

    /// <summary>The verdict without the table's ✅/❌ marks, which the page shows in colour instead (and not every font has).</summary>
    private static string Verdict(string cell) => cell.Replace("✅", "", StringComparison.Ordinal).Replace("❌", "", StringComparison.Ordinal)
        .Replace(Gate.GateSummary.NotRunMark, "", StringComparison.Ordinal).Trim();
}
