using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// torch.optim.Adagrad (1.13, _single_tensor_adagrad, dense gradients): s += g²;
/// p ← p − clr·g / (√s + ε) with clr = lr / (1 + (t − 1)·lr_decay).
/// </summary>
public sealed class Adagrad : torch.optim.Optimizer
{
    private readonly double lrDecay, weightDecay, initialAccumulator, eps;
    private readonly Tensor?[] stateSum;

    public Adagrad(IEnumerable<nn.Parameter> parameters, double lr = 1e-2, double lr_decay = 0, double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10) : base(parameters, lr)
    {
        (lrDecay, weightDecay, initialAccumulator, this.eps) = (lr_decay, weight_decay, initial_accumulator_value, eps);
        stateSum = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var g = WithWeightDecay(grad, parameter, weightDecay);
        var clr = LearningRate / (1 + (ParameterStep(index) - 1) * lrDecay);
        var sum = stateSum[index] ??= NewState(parameter, initialAccumulator);
        sum.addcmul_(g, g, 1);
        var std = sum.sqrt() + eps;
        parameter.addcdiv_(g, std, -clr);
    }
}
