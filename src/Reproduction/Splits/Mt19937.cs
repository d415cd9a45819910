namespace Repro.Reproduction.Splits;

/// <summary>
/// The Mersenne Twister exactly as NumPy's legacy <c>RandomState</c> runs it
/// (numpy/random/src/mt19937/mt19937.c, the randomkit code): seeded with <c>init_genrand</c>
/// and emitting the standard tempered 32-bit words. Kept separate from
/// <see cref="NumpyRandomState"/> so the raw stream can be checked against
/// <c>RandomState(seed).get_state()</c> on its own.
/// </summary>
public sealed class Mt19937
{
    /// <summary>N: words of state (RK_STATE_LEN in NumPy).</summary>
    public const int StateLength = 624;

    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _key = new uint[StateLength];
    private int _pos;

    /// <summary>
    /// Mirrors <c>mt19937_seed</c>, which <c>_legacy_seeding</c> (numpy/random/_mt19937.pyx) calls
    /// for an integer seed: Knuth's <c>init_genrand</c>, not <c>init_by_array</c>. NumPy only accepts
    /// integer seeds in [0, 2**32 - 1], hence <see cref="uint"/>.
    /// </summary>
    public Mt19937(uint seed)
    {
        for (var pos = 0; pos < StateLength; pos++)
        {
            _key[pos] = seed;
            // uint arithmetic wraps, which is the C code's "& 0xffffffffUL".
            seed = (1812433253u * (seed ^ (seed >> 30))) + (uint)pos + 1u;
        }

        // pos = N: the first draw regenerates the whole block, as in mt19937_seed.
        _pos = StateLength;
    }

    /// <summary>The state words; after seeding this equals <c>RandomState(seed).get_state()[1]</c>.</summary>
    public ReadOnlySpan<uint> Key => _key;

    /// <summary>The next word to use; <c>get_state()[2]</c>.</summary>
    public int Position => _pos;

    /// <summary>Mirrors <c>mt19937_next</c> (mt19937.h): one tempered 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_pos == StateLength)
        {
            Generate();
        }

        var y = _key[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Mirrors <c>mt19937_gen</c>: refills all N words in place.</summary>
    private void Generate()
    {
        int i;
        for (i = 0; i < StateLength - M; i++)
        {
            _key[i] = _key[i + M] ^ Twist(_key[i], _key[i + 1]);
        }

        for (; i < StateLength - 1; i++)
        {
            _key[i] = _key[i + M - StateLength] ^ Twist(_key[i], _key[i + 1]);
        }

        _key[StateLength - 1] = _key[M - 1] ^ Twist(_key[StateLength - 1], _key[0]);
        _pos = 0;
    }

    // (y >> 1) ^ (-(y & 1) & MATRIX_A), with y the upper bit of one word and the lower 31 of the next.
    private static uint Twist(uint current, uint next)
    {
        var y = (current & UpperMask) | (next & LowerMask);
        return (y >> 1) ^ ((y & 1u) == 0 ? 0u : MatrixA);
    }
}
