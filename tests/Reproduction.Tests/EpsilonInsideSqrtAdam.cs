using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// A mutant of KerasAdam (which is sealed, so its update is repeated here) with ε moved inside the
/// square root: p ← p − α_t·m/√(v + ε) instead of α_t·m/(√v + ε). Everything else is KerasAdam's.
/// </summary>
internal sealed class EpsilonInsideSqrtAdam : optim.Optimizer
{
    private readonly double beta1, beta2, epsilon;
    private readonly Tensor?[] m, v;

    public EpsilonInsideSqrtAdam(IEnumerable<nn.Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon)
        : base(parameters, learningRate)
    {
        (this.beta1, this.beta2, this.epsilon) = (beta1, beta2, epsilon);
        m = new Tensor?[Parameters.Count];
        v = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var first = m[index] ??= NewState(parameter);
        var second = v[index] ??= NewState(parameter);
        first.mul_(beta1).add_(grad, 1 - beta1);
        second.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        var alpha = LearningRate * Math.Sqrt(1 - Math.Pow(beta2, StepCount)) / (1 - Math.Pow(beta1, StepCount));
        parameter.addcdiv_(first, (second + epsilon).sqrt(), -alpha);
    }
}
