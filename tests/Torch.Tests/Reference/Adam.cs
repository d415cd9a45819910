using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// Adam as torch.optim.Adam computes it: ε is added after the bias correction of v,
/// p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε); weight decay is L2 added to the gradient.
/// </summary>
public sealed class Adam : torch.optim.Optimizer
{
    private readonly double beta1, beta2, eps, weightDecay;
    private readonly Tensor?[] exp_avg, exp_avg_sq;

    public Adam(IEnumerable<nn.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) : base(parameters, lr)
    {
        (this.beta1, this.beta2, this.eps, weightDecay) = (beta1, beta2, eps, weight_decay);
        exp_avg = new Tensor?[Parameters.Count];
        exp_avg_sq = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var g = WithWeightDecay(grad, parameter, weightDecay);
        var m = exp_avg[index] ??= NewState(parameter);
        var v = exp_avg_sq[index] ??= NewState(parameter);
        m.mul_(beta1).add_(g, 1 - beta1);
        v.mul_(beta2).addcmul_(g, g, 1 - beta2);
        var biasCorrection1 = 1 - Math.Pow(beta1, ParameterStep(index));
        var biasCorrection2 = 1 - Math.Pow(beta2, ParameterStep(index));
        var denominator = (v.sqrt() / Math.Sqrt(biasCorrection2)) + eps;
        parameter.addcdiv_(m, denominator, -LearningRate / biasCorrection1);
    }
}
