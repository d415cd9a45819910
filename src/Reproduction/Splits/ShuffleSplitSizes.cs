namespace Repro.Reproduction.Splits;

/// <summary>
/// Mirrors scikit-learn's <c>_validate_shuffle_split</c> (sklearn/model_selection/_split.py) for a
/// float <c>test_size</c> and no <c>train_size</c>, the only form the reports use.
/// </summary>
internal static class ShuffleSplitSizes
{
    /// <summary>n_test = ceil(test_size * n_samples), n_train = n_samples - n_test.</summary>
    /// <exception cref="ArgumentOutOfRangeException">testSize is not in the open range (0, 1), as sklearn requires.</exception>
    /// <exception cref="ArgumentException">The train set would be empty (sklearn raises ValueError).</exception>
    public static (int Train, int Test) ForTestFraction(int nSamples, double testSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nSamples);
        if (!(testSize > 0 && testSize < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(testSize), testSize, "test_size must be a fraction in the (0, 1) range.");
        }

        // The same double product Python computes, so e.g. 0.2 * 1797 = 359.40000000000003 -> 360.
        var nTest = (int)Math.Ceiling(testSize * nSamples);
        var nTrain = nSamples - nTest;
        if (nTrain <= 0)
        {
            throw new ArgumentException(
                $"With n_samples={nSamples} and test_size={testSize}, the resulting train set will be empty.",
                nameof(testSize));
        }

        return (nTrain, nTest);
    }
}
