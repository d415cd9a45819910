using Repro.Reproduction.Splits;

namespace Repro.Data.Tests.Splits;

/// <summary>Shape and validation of SklearnSplits, independent of the golden vectors.</summary>
public sealed class SklearnSplitsTests
{
    [TestCase(1797, 1437, 360)] // 0.2 * 1797 = 359.40000000000003, and sklearn takes the ceiling
    [TestCase(5620, 4496, 1124)]
    [TestCase(60000, 48000, 12000)]
    [TestCase(11, 8, 3)]
    public void Train_test_split_sizes_follow_sklearn_ceiling_rule(int n, int trainCount, int testCount)
    {
        var (train, test) = SklearnSplits.TrainTestSplit(n, 0.2, 42);

        Assert.Multiple(() =>
        {
            Assert.That((train.Length, test.Length), Is.EqualTo((trainCount, testCount)));
            Assert.That(train.Concat(test).Order(), Is.EqualTo(Enumerable.Range(0, n)), "a partition of 0..n-1");
        });
    }

    [Test]
    public void Train_test_split_is_the_test_then_train_cut_of_one_permutation()
    {
        var permutation = new NumpyRandomState(42).Permutation(100);

        var (train, test) = SklearnSplits.TrainTestSplit(100, 0.2, 42);

        Assert.That(test.Concat(train), Is.EqualTo(permutation));
    }

    [Test]
    public void KFold_test_folds_partition_the_rows_with_larger_folds_first()
    {
        var folds = SklearnSplits.KFold(1797, 5, 42);

        Assert.Multiple(() =>
        {
            Assert.That(folds.Select(f => f.Test.Length), Is.EqualTo(new[] { 360, 360, 359, 359, 359 }));
            Assert.That(folds.SelectMany(f => f.Test).Order(), Is.EqualTo(Enumerable.Range(0, 1797)));
            foreach (var (train, test) in folds)
            {
                Assert.That(train, Is.Ordered.Ascending, "train indices come from arange(n)[~mask]");
                Assert.That(test, Is.Ordered.Ascending, "test indices come from arange(n)[mask]");
                Assert.That(train.Concat(test).Order(), Is.EqualTo(Enumerable.Range(0, 1797)));
            }
        });
    }

    [Test]
    public void KFold_without_shuffle_tests_contiguous_blocks()
    {
        var folds = SklearnSplits.KFold(11, 3);

        Assert.Multiple(() =>
        {
            Assert.That(folds[0].Test, Is.EqualTo(Enumerable.Range(0, 4)));
            Assert.That(folds[1].Test, Is.EqualTo(Enumerable.Range(4, 4)));
            Assert.That(folds[2].Test, Is.EqualTo(Enumerable.Range(8, 3)));
            Assert.That(folds[1].Train, Is.EqualTo(new[] { 0, 1, 2, 3, 8, 9, 10 }));
        });
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(-0.2)]
    [TestCase(double.NaN)]
    public void Test_fractions_outside_the_open_unit_range_are_rejected(double testSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SklearnSplits.TrainTestSplit(100, testSize, 42));
    }

    [Test]
    public void A_split_leaving_no_training_rows_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => SklearnSplits.TrainTestSplit(1, 0.2, 42));
    }

    [Test]
    public void Invalid_kfold_arguments_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => SklearnSplits.KFold(10, 1, 42), "n_splits must be at least 2");
            Assert.Throws<ArgumentException>(() => SklearnSplits.KFold(4, 5, 42), "more folds than rows");
            Assert.Throws<ArgumentException>(() => SklearnSplits.KFold(4, 5), "more folds than rows, unshuffled");
            Assert.Throws<ArgumentOutOfRangeException>(() => SklearnSplits.KFold(10, 5, -1), "numpy seeds are non-negative");
        });
    }
}
