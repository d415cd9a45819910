namespace Repro.Reproduction.Fixtures;

/// <summary>Deterministic labels for fixture rows.</summary>
internal static class FixtureLabels
{
    /// <summary>
    /// Row i gets (7·i + seed) mod 10: any ten consecutive rows hold every class once (7 and 10 are coprime), and
    /// the order is not sorted, so a mix-up of rows shows in the labels.
    /// </summary>
    public static byte Of(int row, int seed) => (byte)((7 * row + seed) % 10);

    public static byte[] Sequence(int count, int seed) => [.. Enumerable.Range(0, count).Select(row => Of(row, seed))];
}
