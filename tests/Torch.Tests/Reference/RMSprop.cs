using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// torch.optim.RMSprop (1.13, _single_tensor_rmsprop): v = α·v + (1 − α)·g²; centered subtracts the squared
/// running mean of g; ε is added after the square root; momentum accumulates g / (√v + ε).
/// </summary>
public sealed class RMSprop : torch.optim.Optimizer
{
    private readonly double alpha, eps, weightDecay, momentum;
    private readonly bool centered;
    private readonly Tensor?[] squareAvg, gradAvg, momentumBuffer;

    public RMSprop(IEnumerable<nn.Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false) : base(parameters, lr)
    {
        (this.alpha, this.eps, weightDecay, this.momentum, this.centered) = (alpha, eps, weight_decay, momentum, centered);
        squareAvg = new Tensor?[Parameters.Count];
        gradAvg = new Tensor?[Parameters.Count];
        momentumBuffer = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var g = WithWeightDecay(grad, parameter, weightDecay);
        var v = squareAvg[index] ??= NewState(parameter);
        v.mul_(alpha).addcmul_(g, g, 1 - alpha);
        Tensor average;
        if (centered)
        {
            var m = gradAvg[index] ??= NewState(parameter);
            m.mul_(alpha).add_(g, 1 - alpha);
            average = v.clone().addcmul_(m, m, -1).sqrt();
        }
        else
        {
            average = v.sqrt();
        }
        average = average + eps;
        if (momentum > 0)
        {
            var buffer = momentumBuffer[index] ??= NewState(parameter);
            buffer.mul_(momentum).addcdiv_(g, average);
            parameter.add_(buffer, -LearningRate);
        }
        else
        {
            parameter.addcdiv_(g, average, -LearningRate);
        }
    }
}
