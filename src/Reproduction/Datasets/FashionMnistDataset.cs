using Repro.Experiments;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Datasets;

/// <summary>
/// Fashion-MNIST: 60,000 training and 10,000 test images of 28×28 grey pixels in gzipped IDX files. Two hashes per
/// file because Debian's dataset-fashion-mnist package re-gzips the upstream files: the IDX payload is the same, the
/// .gz bytes are not, and we only ever hash the .gz bytes.
/// </summary>
public sealed class FashionMnistDataset : IDataset
{
    public const string Id = "fashion-mnist";

    public const string TrainImagesFile = "train-images-idx3-ubyte.gz";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte.gz";
    public const string TestImagesFile = "t10k-images-idx3-ubyte.gz";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte.gz";

    public const string CanonicalMirror = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /// <summary>The upstream repository carries the same .gz files; a second address for when the S3 site is unreachable.</summary>
    public const string GitHubMirror = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>The images are 28×28.</summary>
    public const int Side = 28;

    private const string DebianProvenance =
        "Debian package dataset-fashion-mnist 0.0~git20200523.55506a9-1 (/usr/share/datasets/fashion-mnist, re-gzipped upstream data), measured with sha256sum";

    public static IdxFileSet Files { get; } = new(TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile);

    public static DatasetManifest Manifest { get; } = new(
        Id,
        [
            File(TrainImagesFile, "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
            File(TrainLabelsFile, "25c81989df183df01b3e8a0aad5dffbe", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
            File(TestImagesFile, "bef4ecab320f06d8554ea6380940ec79", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
            File(TestLabelsFile, "bb300cfdad3c16e7a12a480ee83cd310", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
        ],
        [CanonicalMirror, GitHubMirror],
        [new SystemFolder(DebianFolder, $"install the Debian/Ubuntu package {DebianPackage} (sudo apt install {DebianPackage})")])
    {
        Title = "Fashion-MNIST",
        RequiredForTests = true,
    };

    /// <summary>The ten classes in label order, as the dataset's README names them.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    string IDataset.Id => Id;

    DatasetManifest IDataset.Manifest => Manifest;

    (int Train, int Test) IDataset.PublishedRows => (60_000, 10_000);

    IReadOnlyList<string> IDataset.ClassNames => ClassNames;

    /// <param name="manifest">Must name the four Fashion-MNIST files; tests pass one pinned to fixtures.</param>
    public static ImageClassificationData Load(DatasetStore store, DatasetManifest manifest) =>
        Files.Read(new FashionMnistDataset(), store, manifest, "IDX images as published (grey, row-major), pixels 0..255");

    ImageClassificationData IDataset.Read(DatasetStore store, DatasetManifest manifest, PixelLayout layout) => Load(store, manifest);

    /// <summary>A miniature Fashion-MNIST with the real id and file names, so the real loader and command line run on it.</summary>
    public static IdxFixture Fixture(int trainCount, int testCount) => new(Manifest, Files, Side, trainCount, testCount);

    FixtureFiles IDataset.Fixture(FixtureSize size) => Fixture(size.TrainRows, size.TestRows).Pinned();

    private static DatasetFile File(string name, string publishedMd5, string canonicalSha256, string debianSha256) =>
        new(name,
        [
            new PinnedHash(canonicalSha256, $"upstream file {CanonicalMirror}{name} (MD5 {publishedMd5} as published in the Fashion-MNIST README)"),
            new PinnedHash(debianSha256, DebianProvenance),
        ]);
}
