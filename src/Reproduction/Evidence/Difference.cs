namespace Repro.Reproduction.Evidence;

/// <summary>The largest differences between two computations of the same numbers, and where the largest relative one is.</summary>
/// <param name="MaxAbsolute">max |other − reference|.</param>
/// <param name="MaxRelative">max |other − reference| / |reference| over the elements (0 where both are equal, infinite where only the reference is 0).</param>
/// <param name="Where">What holds the largest relative difference ("step 3", a tensor's name); null when nothing differs.</param>
public readonly record struct Difference(double MaxAbsolute, double MaxRelative, string? Where)
{
    public static readonly Difference None = new(0, 0, null);

    public bool IsNone => MaxAbsolute == 0 && MaxRelative == 0;

    /// <summary>Element by element; the sequences must have the same length. A NaN on one side only is an infinite difference.</summary>
    public static Difference Between(IReadOnlyList<double> reference, IReadOnlyList<double> other, Func<int, string> name)
    {
        if (reference.Count != other.Count) throw new ArgumentException($"{reference.Count} reference values against {other.Count} others");
        var result = None;
        for (var i = 0; i < reference.Count; i++)
        {
            // Equal bits, NaNs included, are no difference.
            if (BitConverter.DoubleToInt64Bits(reference[i]) == BitConverter.DoubleToInt64Bits(other[i])) continue;
            var absolute = Math.Abs(other[i] - reference[i]);
            if (double.IsNaN(absolute)) absolute = double.PositiveInfinity;
            var relative = reference[i] == 0 ? double.PositiveInfinity : absolute / Math.Abs(reference[i]);
            result = result.Max(new Difference(absolute, relative, name(i)));
        }
        return result;
    }

    /// <summary>Over every tensor of two states (as state_dict gives them); both must hold the same names with the same element counts.</summary>
    public static Difference Between(IReadOnlyDictionary<string, float[]> reference, IReadOnlyDictionary<string, float[]> other)
    {
        if (!reference.Keys.Order(StringComparer.Ordinal).SequenceEqual(other.Keys.Order(StringComparer.Ordinal)))
            throw new ArgumentException("the two states hold different tensors");
        return reference.Aggregate(None, (worst, tensor) => worst.Max(Between(Widen(tensor.Value), Widen(other[tensor.Key]), _ => tensor.Key)));
    }

    public Difference Max(Difference other) =>
        new(Math.Max(MaxAbsolute, other.MaxAbsolute), Math.Max(MaxRelative, other.MaxRelative), other.MaxRelative > MaxRelative ? other.Where : Where ?? other.Where);

    private static double[] Widen(float[] values) => Array.ConvertAll(values, v => (double)v);
}
