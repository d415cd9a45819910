namespace Repro.Reproduction.Training;

/// <summary>
/// Derives one independent seed per purpose (initialisation, shuffling, dropout) from the
/// experiment's seed, so that changing, say, the number of dropout draws cannot shift the
/// shuffling order. SplitMix64 of the seed mixed with a stable FNV-1a hash of the purpose.
/// </summary>
public sealed record SeedStreams(ulong Seed)
{
    public ulong Initialisation => Derive("initialisation");
    public ulong Shuffling => Derive("shuffling");
    public ulong Dropout => Derive("dropout");

    public ulong Derive(string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return SplitMix64(Seed ^ hash);
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
