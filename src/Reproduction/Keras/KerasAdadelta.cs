using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Adadelta as Keras computes it (keras/optimizer_v2/adadelta.py → TensorFlow's ApplyAdadelta;
/// keras/optimizers/adadelta.py update_step in Keras 3 is the same), lr 1e-3, ρ 0.95, ε 1e-7:
///   a ← ρ·a + (1−ρ)·g²;  Δ = √(u + ε)/√(a + ε) · g;  u ← ρ·u + (1−ρ)·Δ²;  p ← p − lr·Δ.
/// torch.optim.Adadelta defaults to lr 1.0 and ε 1e-6.
/// </summary>
public sealed class KerasAdadelta : optim.Optimizer
{
    public const double DefaultLearningRate = 1e-3, DefaultRho = 0.95, DefaultEpsilon = 1e-7;

    private readonly double rho, epsilon;
    private readonly Tensor?[] accumulatedGradient, accumulatedUpdate;

    public KerasAdadelta(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate, double rho = DefaultRho, double epsilon = DefaultEpsilon)
        : base(parameters, learningRate)
    {
        (this.rho, this.epsilon) = (rho, epsilon);
        accumulatedGradient = new Tensor?[Parameters.Count];
        accumulatedUpdate = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [accumulatedGradient, accumulatedUpdate];

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var a = accumulatedGradient[index] ??= NewState(parameter);
        var u = accumulatedUpdate[index] ??= NewState(parameter);
        a.mul_(rho).addcmul_(grad, grad, 1 - rho);
        var delta = (u + epsilon).sqrt() / (a + epsilon).sqrt() * grad;
        u.mul_(rho).addcmul_(delta, delta, 1 - rho);
        parameter.add_(delta, -LearningRate);
    }
}
