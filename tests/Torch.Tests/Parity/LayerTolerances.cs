using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>Tolerances for layers whose results are sums of products of their inputs: found by running the layer again.</summary>
internal static class LayerTolerances
{
    /// <summary>
    /// Convolution and linear layers: every output, input gradient and parameter gradient element is a dot
    /// product (the bias a term with weight 1), so it gets 2·γ_K·Σ|terms|. Replaying the layer on |input|,
    /// |parameters| and |upstream| gives Σ|xᵢwᵢ| + |b| for every element at once (and the backward
    /// magnitudes Σ|g||w|, Σ|g||x|, Σ|g|), and replaying it on ones counts the terms, K, which padding makes
    /// smaller at the border. Zero padding adds exact zeros, which are neither error nor terms.
    /// </summary>
    public static Dictionary<string, Tolerance> Multilinear(Func<nn.Module<Tensor, Tensor>> create, Fixture f)
    {
        using var scope = NewDisposeScope();
        var (state, input, upstream) = (f.State("state"), f.Tensor("input"), f.Tensor("upstream"));
        var magnitudes = ModuleRun.Values(create, Map(state, MathF.Abs), input.abs(), upstream.abs());
        var terms = ModuleRun.Values(create, Map(state, _ => 1f), ones_like(input), ones_like(upstream));
        return magnitudes.ToDictionary(m => m.Key, m => Tolerance.Of(
            ErrorTerm.Reduction("products, bias included", Counts(terms[m.Key]), 1, 0, Widen(m.Value))));
    }

    /// <summary>
    /// Max pooling selects, so its output is exact. Its input gradient adds the upstream values of the
    /// windows that selected the element: K exact terms, K − 1 roundings on Σ|g| (none when one window or
    /// none selected it). Replaying with |upstream| and with ones, on the same input so the same elements
    /// win, gives Σ|g| and K.
    /// </summary>
    public static Dictionary<string, Tolerance> MaxPool(Func<nn.Module<Tensor, Tensor>> create, Fixture f)
    {
        using var scope = NewDisposeScope();
        var (input, upstream) = (f.Tensor("input"), f.Tensor("upstream"));
        var noState = new Dictionary<string, float[]>();
        var magnitude = ModuleRun.Values(create, noState, input, upstream.abs())["input_grad"];
        var terms = ModuleRun.Values(create, noState, input, ones_like(upstream))["input_grad"];
        return new()
        {
            ["output"] = Tolerance.Exact,
            ["input_grad"] = Tolerance.Of(ErrorTerm.Reduction("windows that selected the element", Counts(terms), 1, -1, Widen(magnitude))),
        };
    }

    private static Dictionary<string, float[]> Map(Dictionary<string, float[]> state, Func<float, float> map) =>
        state.ToDictionary(s => s.Key, s => s.Value.Select(map).ToArray());

    private static long[] Counts(float[] ones) => ones.Select(v => (long)Math.Round(v)).ToArray();

    private static double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
}
