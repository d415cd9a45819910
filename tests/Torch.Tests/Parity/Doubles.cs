namespace Repro.Torch.Tests.Parity;

/// <summary>Magnitudes for tolerances are computed in double, so their own rounding is negligible next to what they bound.</summary>
internal static class Doubles
{
    public static Tensor Of(Tensor t) => t.to_type(ScalarType.Float64);

    /// <summary>A fixture's input and the magnitude of its upstream gradient, |g|: what most tolerances are built from.</summary>
    public static (Tensor Input, Tensor Upstream) InputAndUpstreamMagnitude(Fixture f) => (Of(f.Tensor("input")), Of(f.Tensor("upstream")).abs());

    /// <summary>The elements in row-major order, as the fixtures list them.</summary>
    public static double[] Values(Tensor t) => t.contiguous().flatten().data<double>();
}
