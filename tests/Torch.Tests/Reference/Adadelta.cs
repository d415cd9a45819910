using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// torch.optim.Adadelta (1.13, _single_tensor_adadelta): v = ρ·v + (1 − ρ)·g²;
/// Δ = √(u + ε) / √(v + ε) · g; u = ρ·u + (1 − ρ)·Δ²; p ← p − lr·Δ.
/// </summary>
public sealed class Adadelta : torch.optim.Optimizer
{
    private readonly double rho, eps, weightDecay;
    private readonly Tensor?[] squareAvg, accDelta;

    public Adadelta(IEnumerable<nn.Parameter> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weight_decay = 0) : base(parameters, lr)
    {
        (this.rho, this.eps, weightDecay) = (rho, eps, weight_decay);
        squareAvg = new Tensor?[Parameters.Count];
        accDelta = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var g = WithWeightDecay(grad, parameter, weightDecay);
        var v = squareAvg[index] ??= NewState(parameter);
        var u = accDelta[index] ??= NewState(parameter);
        v.mul_(rho).addcmul_(g, g, 1 - rho);
        var std = (v + eps).sqrt();
        var delta = (u + eps).sqrt().div(std).mul(g);
        u.mul_(rho).addcmul_(delta, delta, 1 - rho);
        parameter.add_(delta, -LearningRate);
    }
}
