using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Losses are a per-element formula, then a sum (and a division) over the K elements the reduction covers.
/// If each element carries n₀ roundings on magnitude mᵢ, the sum adds K − 1 roundings on Σ|ℓᵢ| ≤ Σmᵢ and
/// the mean's division one more: "none" is n₀ on mᵢ, "sum" n₀ + K − 1 on Σmᵢ, "mean" and "batchmean"
/// n₀ + K on Σmᵢ divided as the loss is. Per element (u = 2⁻²⁴, a transcendental counts 4):
/// cross entropy is −log_softmax at the target, n₀ = C + 5 on 1 + D + L (<see cref="SoftmaxTolerances"/>);
/// NLL only picks −x at the target, n₀ = 0; MSE's (x − t)² has n₀ = 3 on (x − t)²; KL divergence's
/// t·log t − t·x has n₀ = 6 on |t|·(|log t| + |x|).
/// Input gradients are elementwise: MSE's (x − t)·(2/K)·g has 4 on its value, KL's −t·g (after the mean's
/// division) 2, NLL's −g exact except the mean's division (1); cross entropy passes NLL's gradient through
/// log_softmax's backward (<see cref="SoftmaxTolerances.LogSoftmaxBackward"/>).
/// </summary>
internal static class LossTolerances
{
    public static Dictionary<string, Tolerance> Of(Fixture f)
    {
        using var scope = NewDisposeScope();
        var (x, g) = Doubles.InputAndUpstreamMagnitude(f);
        var reduction = f.String("reduction");
        var divisor = reduction switch { "mean" => x.numel(), "batchmean" => x.size(0), _ => 1 };
        var (output, inputGrad) = f.String("loss") switch
        {
            "cross_entropy" => CrossEntropy(x, f.Tensor("target"), g, reduction),
            "nll_loss" => Nll(x, f.Tensor("target"), g, reduction),
            "mse_loss" => MeanSquaredError(x, Doubles.Of(f.Tensor("target")), g / divisor, reduction),
            "kl_div" => KlDivergence(x, Doubles.Of(f.Tensor("target")), g / divisor, reduction),
            var other => throw new AssertionException($"no tolerance for loss {other}"),
        };
        return new() { ["output"] = output, ["input_grad"] = inputGrad };
    }

    private static (Tolerance, Tolerance) CrossEntropy(Tensor x, Tensor target, Tensor g, string reduction)
    {
        var rows = new SoftmaxTolerances(x);
        var classes = x.size(1);
        var mean = reduction == "mean";
        // NLL's gradient: the upstream value at the target (divided by N for the mean: one rounding).
        var nllGrad = Hot(target, classes) * PerRow(g) / (mean ? x.size(0) : 1);
        return (Reduced(rows.LogMagnitude.flatten(), classes + 5, reduction, x.size(0)),
            rows.LogSoftmaxBackward(nllGrad, extraRoundings: mean ? 1 : 0));
    }

    private static (Tolerance, Tolerance) Nll(Tensor x, Tensor target, Tensor g, string reduction)
    {
        var hot = Hot(target, x.size(1));
        var inputGrad = reduction == "mean"
            ? Tolerance.Of(ErrorTerm.Elementwise(1, Doubles.Values(hot * PerRow(g) / x.size(0))))
            : Tolerance.Exact;
        return (Reduced((x.abs() * hot).sum(1), 0, reduction, x.size(0)), inputGrad);
    }

    private static (Tolerance, Tolerance) MeanSquaredError(Tensor x, Tensor target, Tensor scaledG, string reduction) =>
        (Reduced((x - target).square(), 3, reduction, x.size(0)),
            Tolerance.Of(ErrorTerm.Elementwise(4, Doubles.Values(2 * (x - target).abs() * scaledG))));

    private static (Tolerance, Tolerance) KlDivergence(Tensor x, Tensor target, Tensor scaledG, string reduction) =>
        (Reduced(target.abs() * (target.log().abs() + x.abs()), 6, reduction, x.size(0)),
            Tolerance.Of(ErrorTerm.Elementwise(2, Doubles.Values(target.abs() * scaledG))));

    /// <summary>The loss's tolerance from its elements' magnitudes m (n₀ roundings each) and the reduction over them.</summary>
    private static Tolerance Reduced(Tensor m, long perElement, string reduction, long batch)
    {
        var k = m.numel();
        var sum = m.sum().ToDouble();
        return reduction switch
        {
            "none" => Tolerance.Of(ErrorTerm.Elementwise(perElement, Doubles.Values(m))),
            "sum" => Tolerance.Of(ErrorTerm.Reduction("summed elements", k, 1, perElement - 1, [sum])),
            "mean" => Tolerance.Of(ErrorTerm.Reduction("averaged elements", k, 1, perElement, [sum / k])),
            "batchmean" => Tolerance.Of(ErrorTerm.Reduction("summed elements, divided by the batch", k, 1, perElement, [sum / batch])),
            _ => throw new AssertionException($"no tolerance for reduction {reduction}"),
        };
    }

    private static Tensor Hot(Tensor target, long classes) => Doubles.Of(nn.functional.one_hot(target, classes));

    /// <summary>A per-sample upstream gradient ("none") as a column; a scalar one unchanged.</summary>
    private static Tensor PerRow(Tensor g) => g.dim() == 0 ? g : g.reshape(g.numel(), 1);
}
