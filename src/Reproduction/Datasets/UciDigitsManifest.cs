using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// UCI Optical Recognition of Handwritten Digits (reports 000 and 001), and the part of it Debian ships.
/// </summary>
/// <remarks>
/// The full set is the archive's two files: optdigits.tra (3,823 images) and optdigits.tes (1,797). The reports
/// fetched it with ucimlrepo (fetch_ucirepo(id=80)), whose data.csv concatenates the training file's rows and then
/// the test file's; Repro keeps that order (training rows, then test rows) so that a split drawn with the reports'
/// seed over row indices picks the same images. UCI publishes no hashes, so the files are trusted on first use.
/// scikit-learn's digits.csv.gz is the test file alone (1,797 images), so it is a separate, explicitly named
/// subset: results on it carry its id and are never compared with the full set's published numbers.
/// </remarks>
public static class UciDigitsManifest
{
    public const string Id = "uci-digits";
    public const string SubsetId = "uci-digits-sklearn-subset";

    public const string TrainingFile = "optdigits.tra";
    public const string TestFile = "optdigits.tes";
    public const string SubsetFile = "digits.csv.gz";

    public const string CanonicalMirror = "https://archive.ics.uci.edu/ml/machine-learning-databases/optdigits/";

    public const string DebianPackage = "python3-sklearn";
    public const string DebianFolder = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    /// <summary>The same file in scikit-learn's repository at the release Debian packages.</summary>
    public const string ScikitLearnMirror = "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/";

    public static DatasetManifest Full { get; } = new(
        Id,
        [new DatasetFile(TrainingFile, []), new DatasetFile(TestFile, [])],
        [CanonicalMirror],
        [])
    {
        Title = "UCI digits, full: 5,620 images",
    };

    public static DatasetManifest Subset { get; } = new(
        SubsetId,
        [
            new DatasetFile(
                SubsetFile,
                [new PinnedHash("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a", "Debian package python3-sklearn 1.2.1+dfsg-1 (/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz), measured with sha256sum")]),
        ],
        [ScikitLearnMirror],
        [new SystemFolder(DebianFolder, $"install the Debian/Ubuntu package {DebianPackage} (sudo apt install {DebianPackage})")])
    {
        Title = "UCI digits, scikit-learn subset: the 1,797 images of optdigits.tes",
        SubsetOf = Id,
        RequiredForTests = true,
        DebianPackages = [new DebianPackageSource(DebianPackage, new Dictionary<string, string> { [SubsetFile] = $"{DebianFolder}/{SubsetFile}" })],
    };
}
