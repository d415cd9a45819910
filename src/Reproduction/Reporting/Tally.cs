namespace Repro.Reproduction.Reporting;

/// <summary>The verdicts a printed number is counted under in a report's summary line, in the order the line lists them.</summary>
internal static class Tally
{
    public const string Reproduced = "reproduced";
    public const string Outside = "outside";
    public const string NotRun = "not run";
    public const string NotMeasured = "not measured";
    public const string NoBand = "no band";

    public static string NotCompared(ComparisonExclusion exclusion) => $"not compared ({exclusion.Kind})";

    /// <summary>Always shown, even at zero, so that every summary line reads the same way.</summary>
    public static IReadOnlyList<string> AlwaysShown { get; } = [Reproduced, Outside, NotRun];

    /// <summary>Shown only when some number falls under them; not-compared kinds follow these.</summary>
    public static IReadOnlyList<string> ShownWhenPresent { get; } = [NotMeasured, NoBand];
}
