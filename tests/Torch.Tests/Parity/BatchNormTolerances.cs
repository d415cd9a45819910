using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Batch normalisation's tolerances, following ATen's CPU kernels (1.13): the batch mean μ = Σx/K and
/// var = Σ(x − μ)²/K over the K = N·H·W (or N·L) values of a channel, invstd s = 1/√(var + ε), then
/// y = x·α + β' with α = s·γ, β' = β − μ·α; backward dx = (g − Σg/K − (x − μ)·Σ(x − μ)g·s²/K)·s·γ,
/// dγ = Σ(x − μ)g·s, dβ = Σg. Notation: A = mean|x| (≥ |μ|), X = s·(|x| + A) (≥ |x − μ|·s, the size of x̂),
/// G = mean|g|, Q = mean(X·|g|), per channel.
/// <para>
/// Why these n. μ carries K roundings on A (K − 1 additions and the division). var, a sum of K positive
/// terms each with 3 roundings, has relative error K + 3 (μ's error enters only squared, since Σ(x − μ) = 0);
/// s then has (K + 3)/2 + 3 ≤ K + 4. The output's terms: γ·s·μ's error (K on A), s's error on |x − μ| (K + 4),
/// α and β' and the final product and sum (7 more on the same magnitudes): n = 2K + 11 on M = |γ|·X + |β|.
/// The input gradient repeats this: Σg has K on G; Σ(x − μ)g has K on A and K + 1 on |x − μ||g|; the s²
/// factor 2(K + 4)/2 + 3 more; the subtractions, ·s and ·γ add a handful: n = 5K + 24 on |γ|·s·(|g| + G + X·Q).
/// dγ = Σ(x − μ)g·s: n = 3K + 7 on Σ X|g|; dβ: n = K on Σ|g|. The running statistics add momentum's
/// three roundings to μ (K + 3 on (1 − m)|r| + m·A) and to the unbiased variance (K + 6).
/// In eval mode nothing is reduced forward: n = 8 on |γ|·s·(|x| + |r_μ|) + |β| (3 for s, 5 for α, β', y);
/// dx = g·s·γ has 5; dγ, dβ are K-term sums again; the running statistics are not touched, so exact.
/// </para>
/// </summary>
internal static class BatchNormTolerances
{
    private const string PerChannel = "values per channel";

    public static Dictionary<string, Tolerance> Of(Fixture f)
    {
        using var scope = NewDisposeScope();
        var (x, g) = Doubles.InputAndUpstreamMagnitude(f);
        var channels = x.size(1);
        var k = x.numel() / channels;
        var reduced = new long[] { 0 }.Concat(Enumerable.Range(2, x.dim() - 2).Select(d => (long)d)).ToArray();
        var channelShape = Enumerable.Range(0, x.dim()).Select(d => d == 1 ? channels : 1L).ToArray();
        Tensor State(string name) => Doubles.Of(f.Tensor("state." + name)).reshape(channelShape);
        var (gamma, beta, runningMean, runningVar) = (State("weight").abs(), State("bias").abs(), State("running_mean"), State("running_var"));
        var (eps, momentum) = (f.Double("eps", 1e-5), f.Double("momentum", 0.1));
        if (!f.Bool("training"))
        {
            var s = (runningVar + eps).pow(-0.5);
            var centred = (x.abs() + runningMean.abs()) * s;
            return new()
            {
                ["output"] = Tolerance.Of(ErrorTerm.Elementwise(8, Doubles.Values(gamma * centred + beta))),
                ["input_grad"] = Tolerance.Of(ErrorTerm.Elementwise(5, Doubles.Values(g * gamma * s))),
                ["grad.weight"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 1, 5, Doubles.Values((centred * g).sum(reduced)))),
                ["grad.bias"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 1, 0, Doubles.Values(g.sum(reduced)))),
                ["after.running_mean"] = Tolerance.Exact,
                ["after.running_var"] = Tolerance.Exact,
            };
        }
        var a = x.abs().mean(reduced, keepdim: true);
        var variance = (x - x.mean(reduced, keepdim: true)).square().mean(reduced, keepdim: true);
        var invstd = (variance + eps).pow(-0.5);
        var xhat = invstd * (x.abs() + a);
        var q = (xhat * g).mean(reduced, keepdim: true);
        return new()
        {
            ["output"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 2, 11, Doubles.Values(gamma * xhat + beta))),
            ["input_grad"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 5, 24,
                Doubles.Values(gamma * invstd * (g + g.mean(reduced, keepdim: true) + xhat * q)))),
            ["grad.weight"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 3, 7, Doubles.Values((xhat * g).sum(reduced)))),
            ["grad.bias"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 1, 0, Doubles.Values(g.sum(reduced)))),
            ["after.running_mean"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 1, 3,
                Doubles.Values((1 - momentum) * runningMean.abs() + momentum * a))),
            ["after.running_var"] = Tolerance.Of(ErrorTerm.Reduction(PerChannel, k, 1, 6,
                Doubles.Values((1 - momentum) * runningVar + momentum * k / (k - 1.0) * variance))),
        };
    }
}
