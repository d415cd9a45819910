using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// torch.optim.Adamax (1.13, _single_tensor_adamax): m = β1·m + (1 − β1)·g; u = max(β2·u, |g| + ε);
/// p ← p − lr/(1 − β1ᵗ) · m / u.
/// </summary>
public sealed class Adamax : torch.optim.Optimizer
{
    private readonly double beta1, beta2, eps, weightDecay;
    private readonly Tensor?[] expAvg, expInf;

    public Adamax(IEnumerable<nn.Parameter> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) : base(parameters, lr)
    {
        (this.beta1, this.beta2, this.eps, weightDecay) = (beta1, beta2, eps, weight_decay);
        expAvg = new Tensor?[Parameters.Count];
        expInf = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var g = WithWeightDecay(grad, parameter, weightDecay);
        var m = expAvg[index] ??= NewState(parameter);
        var u = expInf[index] ??= NewState(parameter);
        m.mul_(beta1).add_(g, 1 - beta1);
        // PyTorch takes amax over the two stacked candidates; an element-wise maximum is the same value.
        u.mul_(beta2);
        u.copy_(u.maximum(g.abs() + eps));
        var clr = LearningRate / (1 - Math.Pow(beta1, ParameterStep(index)));
        parameter.addcdiv_(m, u, -clr);
    }
}
