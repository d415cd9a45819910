namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Compares the binding's values with PyTorch's within a <see cref="Tolerance"/> derived for the op. Every
/// comparison writes its worst |Δ|/tolerance to the test output, so runs under other kernels (CPU capability,
/// BLAS library) show how much of the derived margin they used.
/// </summary>
internal static class Parity
{
    public static void AssertClose(Tensor? actual, Fixture fixture, string name, Tolerance tolerance)
    {
        Assert.That(actual, Is.Not.Null, $"{fixture.Name}: {name} is missing (no gradient?)");
        Assert.That(actual!.shape, Is.EqualTo(fixture.Shape(name)), $"{fixture.Name}: shape of {name}");
        AssertClose(Floats(actual), fixture.Floats(name), tolerance, $"{fixture.Name}: {name}");
    }

    public static void AssertClose(float[] actual, float[] expected, Tolerance tolerance, string what)
    {
        var comparison = Compare(actual, expected, tolerance);
        TestContext.Out.WriteLine($"{what}: worst |Δ|/tolerance {comparison.Ratio:G3}");
        if (!comparison.Passed) Assert.Fail($"{what}: {comparison.Report}");
    }

    /// <summary>The element with the largest |Δ|/tolerance; a NaN on one side only, or any Δ where the tolerance is 0, is infinitely far.</summary>
    public static Comparison Compare(float[] actual, float[] expected, Tolerance tolerance)
    {
        if (actual.Length != expected.Length)
            return new Comparison(double.PositiveInfinity, $"{actual.Length} elements, PyTorch gave {expected.Length}");
        var (worst, worstRatio) = (-1, 0.0);
        for (var i = 0; i < actual.Length; i++)
        {
            var ratio = Ratio(actual[i], expected[i], tolerance.At(i));
            if (ratio > worstRatio || worst < 0) (worst, worstRatio) = (i, ratio);
        }
        if (worst < 0) return new Comparison(0, "no elements");
        var delta = Math.Abs((double)actual[worst] - expected[worst]);
        return new Comparison(worstRatio,
            $"element {worst} is {actual[worst]:R}, PyTorch gave {expected[worst]:R}: |Δ| = {delta:G3}, {tolerance.Describe(worst)}");
    }

    public static float[] Floats(Tensor values)
    {
        using var single = values.dtype == ScalarType.Float32 ? values.detach() : values.to_type(ScalarType.Float32);
        return single.data<float>();
    }

    private static double Ratio(float actual, float expected, double tolerance)
    {
        if (float.IsNaN(actual) || float.IsNaN(expected)) return float.IsNaN(actual) == float.IsNaN(expected) ? 0 : double.PositiveInfinity;
        var delta = Math.Abs((double)actual - expected);
        return delta == 0 ? 0 : delta / tolerance; // Δ > 0 with tolerance 0 gives +∞
    }
}

/// <summary>The worst element's |Δ|/tolerance (at most 1 passes) and a sentence saying where and by how much.</summary>
internal sealed record Comparison(double Ratio, string Report)
{
    public bool Passed => Ratio <= 1;
}
