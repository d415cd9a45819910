namespace Repro.Reproduction.Splits;

/// <summary>
/// The parts of NumPy's legacy <c>numpy.random.RandomState</c> (numpy/random/mtrand.pyx) that
/// scikit-learn's splitters use, reproducing its outputs bit for bit for an integer seed.
/// Only the legacy algorithms are mirrored: <c>Generator</c> bounds integers differently
/// (Lemire's method), so its permutations would not match.
/// </summary>
public sealed class NumpyRandomState
{
    private readonly Mt19937 _bitGenerator;

    /// <summary><c>np.random.RandomState(seed)</c> for an integer seed in [0, 2**32 - 1].</summary>
    public NumpyRandomState(uint seed) => _bitGenerator = new Mt19937(seed);

    /// <summary>The underlying generator, whose state matches <c>get_state()</c>.</summary>
    public Mt19937 BitGenerator => _bitGenerator;

    /// <summary>One raw 32-bit draw; equals <c>randint(0, 2**32, dtype=np.uint32)</c>.</summary>
    public uint NextUInt32() => _bitGenerator.NextUInt32();

    /// <summary>
    /// Mirrors <c>random_sample()</c> via <c>mt19937_next_double</c>: a 53-bit double in [0, 1)
    /// built from the top 27 bits of one draw and the top 26 bits of the next.
    /// </summary>
    public double RandomSample()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    /// <summary><c>random_sample(size)</c>: <paramref name="size"/> successive <see cref="RandomSample()"/> draws.</summary>
    public double[] RandomSample(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var values = new double[size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = RandomSample();
        }

        return values;
    }

    /// <summary>
    /// Mirrors <c>random_interval</c> (numpy/random/src/distributions/distributions.c), the bounded
    /// integer legacy <c>shuffle</c> uses: a uniform value in [0, <paramref name="max"/>] by masking
    /// each 32-bit draw to the smallest 2^k - 1 covering max and rejecting values above max.
    /// NumPy switches to 64-bit draws only when max exceeds 0xffffffff, which a uint cannot.
    /// </summary>
    public uint RandomInterval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;

        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    /// <summary>
    /// Mirrors legacy <c>RandomState.shuffle</c> of a 1-d array (<c>_shuffle_raw</c>): Fisher-Yates from
    /// the end, <c>for i in reversed(range(1, n)): j = random_interval(i); swap(i, j)</c>.
    /// The element type does not affect the draws, so any array shuffles like an index array.
    /// </summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i >= 1; i--)
        {
            var j = (int)RandomInterval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <inheritdoc cref="Shuffle{T}(Span{T})"/>
    public void Shuffle<T>(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Shuffle(values.AsSpan());
    }

    /// <summary>Mirrors <c>permutation(n)</c> for an integer: <c>arange(n)</c>, then <see cref="Shuffle{T}(T[])"/>.</summary>
    /// <remarks>NumPy returns an empty array for a negative n; here that is treated as a caller bug.</remarks>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new int[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i;
        }

        Shuffle(values);
        return values;
    }
}
