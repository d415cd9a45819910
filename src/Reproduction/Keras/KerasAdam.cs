using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Adam as Keras computes it (keras/optimizers/adam.py, update_step): ε is the "epsilon hat"
/// of Kingma and Ba's section 2, added to √v before any bias correction, and defaults to 1e-7:
///   α_t = lr·√(1−β2ᵗ)/(1−β1ᵗ);  m ← m + (g−m)(1−β1);  v ← v + (g²−v)(1−β2);  p ← p − α_t·m/(√v + ε).
/// torch.optim.Adam adds ε after correcting v, which differs most in the first steps.
/// </summary>
public sealed class KerasAdam : optim.Optimizer
{
    public const double DefaultEpsilon = 1e-7;

    private readonly double beta1, beta2, epsilon;
    private readonly Tensor?[] m, v;

    public KerasAdam(IEnumerable<nn.Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = DefaultEpsilon)
        : base(parameters, learningRate)
    {
        (this.beta1, this.beta2, this.epsilon) = (beta1, beta2, epsilon);
        m = new Tensor?[Parameters.Count];
        v = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [m, v];

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var first = m[index] ??= NewState(parameter);
        var second = v[index] ??= NewState(parameter);
        first.mul_(beta1).add_(grad, 1 - beta1);
        second.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        var alpha = LearningRate * Math.Sqrt(1 - Math.Pow(beta2, StepCount)) / (1 - Math.Pow(beta1, StepCount));
        parameter.addcdiv_(first, second.sqrt() + epsilon, -alpha);
    }
}
