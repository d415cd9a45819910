using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Adam as Keras computes it (keras/optimizers/adam.py, update_step): ε is the "epsilon hat"
/// of Kingma and Ba's section 2, added to √v before any bias correction, and defaults to 1e-7:
///   α_t = lr·√(1−β2ᵗ)/(1−β1ᵗ);  m ← m + (g−m)(1−β1);  v ← v + (g²−v)(1−β2);  p ← p − α_t·m/(√v + ε).
/// torch.optim.Adam adds ε after correcting v, which differs most in the first steps.
/// All parameters are updated in one fused pass each (<see cref="torch.optim.adam_epsilon_hat_"/>).
/// </summary>
public sealed class KerasAdam : optim.Optimizer
{
    /// <summary>Keras's defaults (keras/optimizers/adam.py); Adamax and Nadam share the β defaults.</summary>
    public const double DefaultLearningRate = 1e-3, DefaultBeta1 = 0.9, DefaultBeta2 = 0.999, DefaultEpsilon = 1e-7;

    private readonly double beta1, beta2, epsilon;
    private readonly Tensor?[] m, v;

    public KerasAdam(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate, double beta1 = DefaultBeta1, double beta2 = DefaultBeta2,
        double epsilon = DefaultEpsilon)
        : base(parameters, learningRate)
    {
        (this.beta1, this.beta2, this.epsilon) = (beta1, beta2, epsilon);
        m = new Tensor?[Parameters.Count];
        v = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [m, v];

    protected override void Update(IReadOnlyList<int> indices)
    {
        foreach (var i in indices)
        {
            m[i] ??= NewState(Parameters[i]);
            v[i] ??= NewState(Parameters[i]);
        }
        optim.adam_epsilon_hat_(indices.Select(i => (Tensor)Parameters[i]).ToArray(), indices.Select(i => m[i]!).ToArray(),
            indices.Select(i => v[i]!).ToArray(), LearningRate, beta1, beta2, epsilon, StepCount);
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad) => Update([index]);
}
