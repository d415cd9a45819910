using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Softmax and log-softmax along the last dimension of (rows, K) input, as ATen's CPU kernels compute them:
/// d = x − max, S = Σexp(d), log_softmax = d − log S, softmax = exp(d)·(1/S); backward
/// log_softmax: g − exp(y)·Σg, softmax: y·(g − Σg·y). Per row, D = max |d| (the row's max − min) and
/// L = log S ≥ 0; the class count is K.
/// <para>
/// Why these n. exp(dⱼ) carries 4 roundings (a transcendental) plus u·|dⱼ| ≤ u·D from d, so S has relative
/// error ≤ u·(K + 3 + D) (K − 1 additions). log S then has absolute error u·(K + 3 + D) + 4u·L, and
/// y = d − log S adds u·|d| + u·|y| ≤ u·(2D + L): log_softmax is within n = K + 5 roundings of M = 1 + D + L
/// (K + 3 + 3D + 5L ≤ (K + 5)(1 + D + L)). softmax = exp(d)·(1/S) has relative error ≤ u·(K + 9 + 2D),
/// inside n = K + 9 on M = y·(1 + D). The backward passes add a K-term sum and two roundings to those:
/// log_softmax's gradient is within n = 2K + 10 of |g| + p·Σ|g|·(1 + D + L) (p = exp(y)), softmax's within
/// n = 3K + 20 of y·(|g| + Σ|g·y|)·(1 + D).
/// </para>
/// </summary>
internal sealed class SoftmaxTolerances
{
    private const string OverClasses = "classes";
    private readonly long classes;
    private readonly Tensor d, logSum, spread, probabilities;

    /// <summary>Statistics of <paramref name="logits"/> (rows × classes) in double, in the caller's dispose scope.</summary>
    public SoftmaxTolerances(Tensor logits)
    {
        var x = Doubles.Of(logits);
        classes = x.size(-1);
        var max = x.amax([-1], keepdim: true);
        d = x - max;
        logSum = d.exp().sum(-1, keepdim: true).log();
        spread = d.abs().amax([-1], keepdim: true);
        probabilities = d.exp() / logSum.exp();
    }

    /// <summary>1 + D + L per row: log_softmax's magnitude.</summary>
    public Tensor LogMagnitude => spread + logSum + 1;

    public Tolerance LogSoftmax() =>
        Tolerance.Of(ErrorTerm.Reduction(OverClasses, classes, 1, 5, Doubles.Values(LogMagnitude + zeros_like(d))));

    public Tolerance Softmax() =>
        Tolerance.Of(ErrorTerm.Reduction(OverClasses, classes, 1, 9, Doubles.Values(probabilities * (spread + 1))));

    /// <summary><paramref name="extraRoundings"/>: roundings the upstream gradient already carries (cross entropy's mean).</summary>
    public Tolerance LogSoftmaxBackward(Tensor upstream, long extraRoundings = 0)
    {
        var g = Doubles.Of(upstream).abs();
        return Tolerance.Of(ErrorTerm.Reduction(OverClasses, classes, 2, 10 + extraRoundings,
            Doubles.Values(g + probabilities * g.sum(-1, keepdim: true) * LogMagnitude)));
    }

    public Tolerance SoftmaxBackward(Tensor upstream)
    {
        var g = Doubles.Of(upstream).abs();
        return Tolerance.Of(ErrorTerm.Reduction(OverClasses, classes, 3, 20,
            Doubles.Values(probabilities * (g + (g * probabilities).sum(-1, keepdim: true)) * (spread + 1))));
    }
}
