namespace Repro.Torch.Tests.Parity;

/// <summary>
/// The parity tolerance: |actual − expected| ≤ 1e-6·|expected| + 1e-7. The relative part is a few float32
/// ulps (the binding runs the same libtorch kernels, so most values match bit for bit; the margin covers a
/// different summation order). The absolute floor keeps values that should be 0 (a ReLU gradient, a dropped
/// unit) or that cancel to ~1e-8 from failing on a meaningless relative error.
/// </summary>
internal static class Parity
{
    public const double Relative = 1e-6;
    public const double AbsoluteFloor = 1e-7;

    public static void AssertClose(Tensor? actual, Fixture fixture, string name)
    {
        Assert.That(actual, Is.Not.Null, $"{fixture.Name}: {name} is missing (no gradient?)");
        Assert.That(actual!.shape, Is.EqualTo(fixture.Shape(name)), $"{fixture.Name}: shape of {name}");
        using var values = actual.dtype == ScalarType.Float32 ? actual.detach() : actual.to_type(ScalarType.Float32);
        AssertClose(values.data<float>(), fixture.Floats(name), $"{fixture.Name}: {name}");
    }

    public static void AssertClose(float[] actual, float[] expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), $"{what}: element count");
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var excess = Math.Abs((double)actual[i] - expected[i]) - (Relative * Math.Abs(expected[i]) + AbsoluteFloor);
            if (double.IsNaN(actual[i]) != double.IsNaN(expected[i]) || excess > worstExcess)
            {
                worst = i;
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
            }
        }
        if (worst >= 0)
            Assert.Fail($"{what}: element {worst} is {actual[worst]:R}, PyTorch gave {expected[worst]:R} " +
                        $"(tolerance {Relative}·|expected| + {AbsoluteFloor})");
    }
}
