namespace Repro.Reproduction.Reporting;

/// <summary>What a report's summary line counts its printed numbers under, in the order the line lists them.</summary>
internal static class Tally
{
    public const string Consistent = "consistent";
    public const string Inconsistent = "inconsistent";
    public const string NotJudged = "not judged";

    /// <summary>
    /// "3 consistent, 1 inconsistent, 9 not judged (5 not run, 4 substitute data)": every count shown even at zero, so
    /// that every summary line reads the same way, and the not-judged ones by kind in ordinal order.
    /// </summary>
    public static string Line(IEnumerable<string> countedAs)
    {
        var counts = countedAs.CountBy(kind => kind).ToDictionary();
        var notJudged = counts.Where(count => count.Key is not (Consistent or Inconsistent)).OrderBy(count => count.Key, StringComparer.Ordinal).ToList();
        var line = $"{counts.GetValueOrDefault(Consistent)} {Consistent}, {counts.GetValueOrDefault(Inconsistent)} {Inconsistent}, {notJudged.Sum(count => count.Value)} {NotJudged}";
        return notJudged.Count == 0 ? line : $"{line} ({string.Join(", ", notJudged.Select(count => $"{count.Value} {count.Key}"))})";
    }
}
