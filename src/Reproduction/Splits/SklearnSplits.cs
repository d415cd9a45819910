namespace Repro.Reproduction.Splits;

/// <summary>
/// scikit-learn's index splitters (sklearn/model_selection/_split.py, checked against 1.2.1),
/// returning the same index arrays in the same order for the same <c>random_state</c>.
/// Index i refers to row i of the data set as the report loaded it.
/// </summary>
public static class SklearnSplits
{
    /// <summary>
    /// Mirrors <c>sklearn.utils.check_random_state</c> for an int: a fresh <c>RandomState(seed)</c>.
    /// NumPy rejects seeds outside [0, 2**32 - 1], so negative values are rejected here too.
    /// </summary>
    public static NumpyRandomState CheckRandomState(int randomState)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(randomState);
        return new NumpyRandomState((uint)randomState);
    }

    /// <summary>
    /// Mirrors <c>train_test_split(X, test_size=testSize, random_state=randomState)</c> with the
    /// defaults <c>shuffle=True, stratify=None</c>, which runs one <c>ShuffleSplit</c> iteration:
    /// <c>perm = rng.permutation(n)</c>, test = perm[:n_test], train = perm[n_test:n_test + n_train].
    /// Both arrays stay in permutation order (X_train = X[Train], X_test = X[Test]).
    /// </summary>
    public static (int[] Train, int[] Test) TrainTestSplit(int n, double testSize, int randomState)
    {
        var (nTrain, nTest) = ShuffleSplitSizes.ForTestFraction(n, testSize);
        var permutation = CheckRandomState(randomState).Permutation(n);
        return (permutation[nTest..(nTest + nTrain)], permutation[..nTest]);
    }

    /// <summary>
    /// Mirrors <c>KFold(n_splits=nSplits, shuffle=True, random_state=randomState).split(X)</c>:
    /// arange(n) is shuffled once, and fold i tests the i-th contiguous slice of it.
    /// </summary>
    /// <remarks>
    /// Both arrays of each fold come back in ascending index order, not shuffled order: KFold only
    /// yields test indices through <c>_iter_test_masks</c>, and <c>BaseCrossValidator.split</c> returns
    /// <c>indices[mask]</c> and <c>indices[~mask]</c> with <c>indices = np.arange(n)</c>.
    /// </remarks>
    public static IReadOnlyList<(int[] Train, int[] Test)> KFold(int n, int nSplits, int randomState)
    {
        ValidateKFold(n, nSplits);
        var rng = CheckRandomState(randomState);
        var indices = Arange(n);
        rng.Shuffle(indices);
        return Folds(indices, nSplits);
    }

    /// <summary>Mirrors <c>KFold(n_splits=nSplits).split(X)</c> (shuffle=False): contiguous test blocks.</summary>
    public static IReadOnlyList<(int[] Train, int[] Test)> KFold(int n, int nSplits)
    {
        ValidateKFold(n, nSplits);
        return Folds(Arange(n), nSplits);
    }

    // _BaseKFold.__init__ requires n_splits >= 2; _BaseKFold.split requires n_splits <= n_samples.
    private static void ValidateKFold(int n, int nSplits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nSplits, 2);
        if (nSplits > n)
        {
            throw new ArgumentException(
                $"Cannot have number of splits n_splits={nSplits} greater than the number of samples: n_samples={n}.",
                nameof(nSplits));
        }
    }

    // KFold._iter_test_indices: n // k per fold, the first n % k folds one larger; then
    // BaseCrossValidator.split turns each slice into a mask over arange(n).
    private static (int[] Train, int[] Test)[] Folds(int[] indices, int nSplits)
    {
        var n = indices.Length;
        var folds = new (int[] Train, int[] Test)[nSplits];
        var start = 0;
        for (var fold = 0; fold < nSplits; fold++)
        {
            var size = (n / nSplits) + (fold < n % nSplits ? 1 : 0);
            var testMask = new bool[n];
            foreach (var index in indices.AsSpan(start, size))
            {
                testMask[index] = true;
            }

            var train = new int[n - size];
            var test = new int[size];
            int trainCount = 0, testCount = 0;
            for (var i = 0; i < n; i++)
            {
                if (testMask[i])
                {
                    test[testCount++] = i;
                }
                else
                {
                    train[trainCount++] = i;
                }
            }

            folds[fold] = (train, test);
            start += size;
        }

        return folds;
    }

    private static int[] Arange(int n)
    {
        var values = new int[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i;
        }

        return values;
    }
}
