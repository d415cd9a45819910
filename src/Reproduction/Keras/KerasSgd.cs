using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// SGD as Keras 2 computes it (keras/optimizer_v2/gradient_descent.py, which calls TensorFlow's
/// ApplyGradientDescent / ApplyKerasMomentum; keras/optimizers/sgd.py update_step in Keras 3 is the same):
///   momentum 0: p ← p − lr·g;
///   otherwise m ← μ·m − lr·g, then p ← p + m, or with nesterov p ← p + μ·m − lr·g.
/// torch.optim.SGD keeps b = μb + g and steps by lr·b, which differs once lr changes.
/// </summary>
public sealed class KerasSgd : optim.Optimizer
{
    public const double DefaultLearningRate = 0.01;

    private readonly double momentum;
    private readonly bool nesterov;
    private readonly Tensor?[] velocity;

    public KerasSgd(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate, double momentum = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        (this.momentum, this.nesterov) = (momentum, nesterov);
        velocity = new Tensor?[Parameters.Count];
    }

    protected override IReadOnlyList<Tensor?[]> StateSlots => [velocity];

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        if (momentum == 0)
        {
            parameter.add_(grad, -LearningRate);
            return;
        }
        var m = velocity[index] ??= NewState(parameter);
        m.mul_(momentum).add_(grad, -LearningRate);
        if (nesterov)
            parameter.add_(m, momentum).add_(grad, -LearningRate);
        else
            parameter.add_(m);
    }
}
