using Repro.Reproduction.Splits;

namespace Repro.Data.Tests.Splits;

/// <summary>SklearnSplits against the index arrays scikit-learn produced (golden/numpy_sklearn.json).</summary>
public sealed class SklearnSplitsGoldenTests
{
    private static IEnumerable<TestCaseData> TrainTestSplits() =>
        GoldenVectors.Section("train_test_split").Select(c => new TestCaseData(
            (int)GoldenVectors.ValueOf(c, "n")!.Value, (int)GoldenVectors.ValueOf(c, "seed")!.Value));

    private static IEnumerable<TestCaseData> ShuffledKFolds() =>
        GoldenVectors.Section("kfold").Where(c => GoldenVectors.ValueOf(c, "seed") is not null).Select(c => new TestCaseData(
            (int)GoldenVectors.ValueOf(c, "n")!.Value,
            (int)GoldenVectors.ValueOf(c, "n_splits")!.Value,
            (int)GoldenVectors.ValueOf(c, "seed")!.Value));

    private static IEnumerable<TestCaseData> UnshuffledKFolds() =>
        GoldenVectors.Section("kfold").Where(c => GoldenVectors.ValueOf(c, "seed") is null).Select(c => new TestCaseData(
            (int)GoldenVectors.ValueOf(c, "n")!.Value, (int)GoldenVectors.ValueOf(c, "n_splits")!.Value));

    // The splits reports 001 and 004 actually used: random_state=42 on the digits (1,797),
    // optdigits (5,620) and MNIST-sized (60,000) sets. Named here so they cannot drop out of the golden file.
    [TestCase(1797)]
    [TestCase(5620)]
    [TestCase(60000)]
    public void Report_splits_with_random_state_42_match_sklearn(int n)
    {
        Assert.Multiple(() =>
        {
            Train_test_split_matches_sklearn(n, 42);
            KFold_with_shuffle_matches_sklearn(n, 5, 42);
        });
    }

    [TestCaseSource(nameof(TrainTestSplits))]
    public void Train_test_split_matches_sklearn(int n, int seed)
    {
        var golden = GoldenVectors.Find("train_test_split", ("n", n), ("seed", seed));
        var testSize = golden.GetProperty("test_size").GetDouble();

        var (train, test) = SklearnSplits.TrainTestSplit(n, testSize, seed);

        Assert.Multiple(() =>
        {
            GoldenArray.From(golden.GetProperty("train")).AssertMatches(train, $"train_test_split n={n} seed={seed} train");
            GoldenArray.From(golden.GetProperty("test")).AssertMatches(test, $"train_test_split n={n} seed={seed} test");
        });
    }

    [TestCaseSource(nameof(ShuffledKFolds))]
    public void KFold_with_shuffle_matches_sklearn(int n, int nSplits, int seed)
    {
        var golden = GoldenVectors.Find("kfold", ("n", n), ("n_splits", nSplits), ("seed", seed));

        AssertFoldsMatch(golden, SklearnSplits.KFold(n, nSplits, seed), $"KFold({nSplits}, shuffle=True, random_state={seed}) n={n}");
    }

    [TestCaseSource(nameof(UnshuffledKFolds))]
    public void KFold_without_shuffle_matches_sklearn(int n, int nSplits)
    {
        var golden = GoldenVectors.Find("kfold", ("n", n), ("n_splits", nSplits), ("seed", null));

        AssertFoldsMatch(golden, SklearnSplits.KFold(n, nSplits), $"KFold({nSplits}) n={n}");
    }

    private static void AssertFoldsMatch(System.Text.Json.JsonElement golden, IReadOnlyList<(int[] Train, int[] Test)> folds, string what)
    {
        var expected = golden.GetProperty("folds").EnumerateArray().ToList();
        Assert.That(folds, Has.Count.EqualTo(expected.Count), $"{what}: folds");
        for (var i = 0; i < expected.Count; i++)
        {
            GoldenArray.From(expected[i].GetProperty("train")).AssertMatches(folds[i].Train, $"{what} fold {i} train");
            GoldenArray.From(expected[i].GetProperty("test")).AssertMatches(folds[i].Test, $"{what} fold {i} test");
        }
    }
}
