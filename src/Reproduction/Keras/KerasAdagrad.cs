using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Adagrad as Keras 2 (TensorFlow 2.x) computes it, keras/optimizer_v2/adagrad.py, which calls
/// TensorFlow's ApplyAdagradV2: the accumulator starts at 0.1 (initial_accumulator_value), then
///   a ← a + g²;  p ← p − lr·g / (√a + ε),  ε = 1e-7 outside the root.
/// Keras 3 (keras/optimizers/adagrad.py) divides by √(a + ε) instead.
/// torch.optim.Adagrad starts the accumulator at 0 with ε = 1e-10 and lr 1e-2.
/// </summary>
public sealed class KerasAdagrad : optim.Optimizer
{
    public const double DefaultLearningRate = 1e-3, DefaultInitialAccumulator = 0.1, DefaultEpsilon = 1e-7;

    private readonly double initialAccumulator, epsilon;
    private readonly Tensor?[] accumulator;

    public KerasAdagrad(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate,
        double initialAccumulatorValue = DefaultInitialAccumulator, double epsilon = DefaultEpsilon)
        : base(parameters, learningRate)
    {
        (initialAccumulator, this.epsilon) = (initialAccumulatorValue, epsilon);
        accumulator = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [accumulator];

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var a = accumulator[index];
        if (a is null)
        {
            a = accumulator[index] = NewState(parameter);
            a.add_(ones_like(parameter), initialAccumulator);
        }
        a.addcmul_(grad, grad);
        parameter.addcdiv_(grad, a.sqrt() + epsilon, -LearningRate);
    }
}
