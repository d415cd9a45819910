using System.Text;
using Repro.Reproduction.Data;

namespace Repro.Data.Tests;

/// <summary>
/// Tiny UCI digits files in the real formats: optdigits.tra (3 rows, CRLF line ends as in the UCI archive),
/// optdigits.tes (2 rows) and digits.csv.gz (the same 2 rows, gzipped, as scikit-learn ships the test file).
/// </summary>
internal sealed class DigitsFixture
{
    public DigitsFixture()
    {
        TrainRows = [Row(seed: 1, label: 7), Row(seed: 2, label: 0), Row(seed: 3, label: 9)];
        TestRows = [Row(seed: 4, label: 3), Row(seed: 5, label: 5)];
        Training = Encoding.ASCII.GetBytes(string.Concat(TrainRows.Select(r => Line(r) + "\r\n")));
        Test = Encoding.ASCII.GetBytes(string.Concat(TestRows.Select(r => Line(r) + "\r\n")));
        SubsetGz = Idx.Gzip(Encoding.ASCII.GetBytes(string.Concat(TestRows.Select(r => Line(r) + "\n"))));
    }

    /// <summary>Each row: 64 pixel values 0..16, then the label.</summary>
    public IReadOnlyList<byte[]> TrainRows { get; }

    public IReadOnlyList<byte[]> TestRows { get; }

    public byte[] Training { get; }

    public byte[] Test { get; }

    public byte[] SubsetGz { get; }

    /// <summary>The real full-set manifest (trust on first use) with the mirrors replaced.</summary>
    public static DatasetManifest Full(IEnumerable<string> mirrors) =>
        new(UciDigitsManifest.Id, UciDigitsManifest.Full.Files, mirrors.ToArray(), []) { Title = UciDigitsManifest.Full.Title };

    public DatasetManifest Subset(IEnumerable<string> systemFolders) =>
        new(
            UciDigitsManifest.SubsetId,
            [new DatasetFile(UciDigitsManifest.SubsetFile, [new PinnedHash(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SubsetGz)), "test fixture")])],
            [],
            systemFolders.Select(f => new SystemFolder(f, "install the test package fixture-digits")).ToArray())
        {
            Title = UciDigitsManifest.Subset.Title,
            SubsetOf = UciDigitsManifest.Id,
            RequiredForTests = true,
        };

    private static byte[] Row(int seed, byte label) =>
        [.. Enumerable.Range(0, 64).Select(i => (byte)((i * seed + seed) % 17)), label];

    private static string Line(byte[] row) => string.Join(",", row);
}
