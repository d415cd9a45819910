using Repro.Experiments;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// The part of the UCI digits that Debian ships: scikit-learn's digits.csv.gz is UCI's test file alone (1,797
/// images), so it is a separate, explicitly named subset of <see cref="UciDigitsDataset"/>: results on it carry its id
/// and are never compared with the full set's published numbers.
/// </summary>
public sealed class UciDigitsSubsetDataset : IDataset
{
    public const string Id = "uci-digits-sklearn-subset";

    public const string SubsetFile = "digits.csv.gz";

    public const string DebianPackage = "python3-sklearn";
    public const string DebianFolder = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    /// <summary>The same file in scikit-learn's repository at the release Debian packages.</summary>
    public const string ScikitLearnMirror = "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/";

    public static DatasetManifest Manifest { get; } = new(
        Id,
        [
            new DatasetFile(
                SubsetFile,
                [new PinnedHash("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a", "Debian package python3-sklearn 1.2.1+dfsg-1 (/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz), measured with sha256sum")]),
        ],
        [ScikitLearnMirror],
        [new SystemFolder(DebianFolder, $"install the Debian/Ubuntu package {DebianPackage} (sudo apt install {DebianPackage})")])
    {
        Title = "UCI digits, scikit-learn subset: the 1,797 images of optdigits.tes",
        SubsetOf = UciDigitsDataset.Id,
        RequiredForTests = true,
        DebianPackages = [new DebianPackageSource(DebianPackage, new Dictionary<string, string> { [SubsetFile] = $"{DebianFolder}/{SubsetFile}" })],
    };

    string IDataset.Id => Id;

    DatasetManifest IDataset.Manifest => Manifest;

    (int Train, int Test) IDataset.PublishedRows => (0, 1_797);

    IReadOnlyList<string> IDataset.ClassNames => UciDigitsDataset.ClassNames;

    ImageClassificationData IDataset.Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout) => UciDigitsDataset.Load(store, manifest);

    /// <summary>The subset has no training file, so the fixture's test file holds the rows of both parts.</summary>
    FixtureFiles IDataset.Fixture(FixtureSize size)
    {
        var fixture = new UciDigitsFixture(0, size.TrainRows + size.TestRows);
        return new(fixture.Subset([]), new Dictionary<string, byte[]> { [SubsetFile] = fixture.SubsetGz });
    }
}
