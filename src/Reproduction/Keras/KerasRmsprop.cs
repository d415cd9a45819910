using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// RMSprop as Keras 2 (TensorFlow 2.x; report 002's optimizer sweep, its only user, ran TensorFlow 2.8) computes it,
/// keras/optimizer_v2/rmsprop.py _resource_apply_dense:
///   v ← ρ·v + (1−ρ)·g²   (centered: also ḡ ← ρ·ḡ + (1−ρ)·g, and v − ḡ² replaces v below)
///   momentum 0 (the default): p ← p − lr·g / (√v + ε)        — ε OUTSIDE the root;
///   momentum > 0: TensorFlow's ApplyRMSProp kernel, m ← μ·m + lr·g / √(v + ε); p ← p − m  — ε inside.
/// Keras 3 (keras/optimizers/rmsprop.py) puts ε inside in both cases; with ε = 1e-7 the two
/// differ only where √v is comparable to ε.
/// </summary>
public sealed class KerasRmsprop : optim.Optimizer
{
    public const double DefaultLearningRate = 1e-3, DefaultRho = 0.9, DefaultEpsilon = 1e-7;

    private readonly double rho, momentum, epsilon;
    private readonly bool centered;
    private readonly Tensor?[] meanSquare, meanGradient, velocity;

    public KerasRmsprop(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate, double rho = DefaultRho,
        double momentum = 0, double epsilon = DefaultEpsilon, bool centered = false)
        : base(parameters, learningRate)
    {
        (this.rho, this.momentum, this.epsilon, this.centered) = (rho, momentum, epsilon, centered);
        meanSquare = new Tensor?[Parameters.Count];
        meanGradient = new Tensor?[Parameters.Count];
        velocity = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [meanSquare, meanGradient, velocity];

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var v = meanSquare[index] ??= NewState(parameter);
        v.mul_(rho).addcmul_(grad, grad, 1 - rho);
        var denominator = v;
        if (centered)
        {
            var g = meanGradient[index] ??= NewState(parameter);
            g.mul_(rho).add_(grad, 1 - rho);
            denominator = v - g.square();
        }
        if (momentum == 0)
        {
            parameter.addcdiv_(grad, denominator.sqrt() + epsilon, -LearningRate);
            return;
        }
        var m = velocity[index] ??= NewState(parameter);
        m.mul_(momentum).addcdiv_(grad, (denominator + epsilon).sqrt(), LearningRate);
        parameter.add_(m, -1);
    }
}
