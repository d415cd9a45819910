using System.Security.Cryptography;
using System.Text;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Fixtures;

/// <summary>
/// UCI digits files in the real formats: optdigits.tra and optdigits.tes (CRLF line ends as in the UCI archive) and
/// digits.csv.gz (the test rows, gzipped, as scikit-learn ships the test file).
/// </summary>
public sealed class UciDigitsFixture
{
    /// <param name="trainCount">Rows of optdigits.tra; may be 0 where only the scikit-learn subset (the test rows) is wanted.</param>
    public UciDigitsFixture(int trainCount, int testCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testCount);
        TrainRows = [.. Enumerable.Range(0, trainCount).Select(i => Row(seed: i + 1, FixtureLabels.Of(i, seed: 7)))];
        TestRows = [.. Enumerable.Range(0, testCount).Select(i => Row(seed: trainCount + i + 1, FixtureLabels.Of(i, seed: 3)))];
        Training = Encoding.ASCII.GetBytes(string.Concat(TrainRows.Select(r => Line(r) + "\r\n")));
        Test = Encoding.ASCII.GetBytes(string.Concat(TestRows.Select(r => Line(r) + "\r\n")));
        SubsetGz = IdxWriter.Gzip(Encoding.ASCII.GetBytes(string.Concat(TestRows.Select(r => Line(r) + "\n"))));
    }

    /// <summary>Each row: 64 pixel values 0..16, then the label.</summary>
    public IReadOnlyList<byte[]> TrainRows { get; }

    public IReadOnlyList<byte[]> TestRows { get; }

    /// <summary>optdigits.tra.</summary>
    public byte[] Training { get; }

    /// <summary>optdigits.tes.</summary>
    public byte[] Test { get; }

    /// <summary>digits.csv.gz.</summary>
    public byte[] SubsetGz { get; }

    /// <summary>The real full-set manifest (trust on first use) with the mirrors replaced.</summary>
    public static DatasetManifest Full(IEnumerable<string> mirrors) =>
        new(UciDigitsDataset.Id, UciDigitsDataset.Manifest.Files, mirrors.ToArray(), []) { Title = UciDigitsDataset.Manifest.Title };

    /// <summary>The full set's two files pinned to this fixture's SHA-256s, with no mirrors.</summary>
    public DatasetManifest PinnedFull() =>
        new(UciDigitsDataset.Id, [Pinned(UciDigitsDataset.TrainingFile, Training), Pinned(UciDigitsDataset.TestFile, Test)], [], [])
        {
            Title = UciDigitsDataset.Manifest.Title,
        };

    public DatasetManifest Subset(IEnumerable<string> systemFolders) =>
        new(
            UciDigitsSubsetDataset.Id,
            [Pinned(UciDigitsSubsetDataset.SubsetFile, SubsetGz)],
            [],
            systemFolders.Select(f => new SystemFolder(f, "install the test package fixture-digits")).ToArray())
        {
            Title = UciDigitsSubsetDataset.Manifest.Title,
            SubsetOf = UciDigitsDataset.Id,
            RequiredForTests = true,
        };

    private static DatasetFile Pinned(string name, byte[] bytes) =>
        new(name, [new PinnedHash(Convert.ToHexStringLower(SHA256.HashData(bytes)), "test fixture")]);

    private static byte[] Row(int seed, byte label) =>
        [.. Enumerable.Range(0, 64).Select(i => (byte)((i * seed + seed) % 17)), label];

    private static string Line(byte[] row) => string.Join(",", row);
}
