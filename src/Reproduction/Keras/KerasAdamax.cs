using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Adamax as Keras computes it (keras/optimizer_v2/adamax.py → TensorFlow's ApplyAdaMax;
/// keras/optimizers/adamax.py update_step in Keras 3 is the same), lr 1e-3, β 0.9/0.999, ε 1e-7:
///   m ← m + (g − m)(1 − β1);  u ← max(β2·u, |g|);  p ← p − lr/(1 − β1ᵗ) · m/(u + ε).
/// </summary>
public sealed class KerasAdamax : optim.Optimizer
{
    public const double DefaultLearningRate = 1e-3, DefaultEpsilon = 1e-7;

    private readonly double beta1, beta2, epsilon;
    private readonly Tensor?[] m, u;

    public KerasAdamax(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate, double beta1 = KerasAdam.DefaultBeta1, double beta2 = KerasAdam.DefaultBeta2,
        double epsilon = DefaultEpsilon)
        : base(parameters, learningRate)
    {
        (this.beta1, this.beta2, this.epsilon) = (beta1, beta2, epsilon);
        m = new Tensor?[Parameters.Count];
        u = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [m, u];

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var first = m[index] ??= NewState(parameter);
        var norm = u[index] ??= NewState(parameter);
        first.mul_(beta1).add_(grad, 1 - beta1);
        norm.copy_((norm * beta2).maximum(grad.abs()));
        parameter.addcdiv_(first, norm + epsilon, -LearningRate / (1 - Math.Pow(beta1, StepCount)));
    }
}
