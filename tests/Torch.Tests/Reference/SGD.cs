using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// torch.optim.SGD (1.13, _single_tensor_sgd): d = g + wd·p; with momentum the buffer starts as a copy of d
/// and then b = μ·b + (1 − dampening)·d; Nesterov uses d + μ·b, otherwise b; p ← p − lr·d.
/// </summary>
public sealed class SGD : torch.optim.Optimizer
{
    private readonly double momentum, dampening, weightDecay;
    private readonly bool nesterov;
    private readonly Tensor?[] momentumBuffer;

    public SGD(IEnumerable<nn.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) : base(parameters, lr)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening (as in PyTorch)");
        (this.momentum, this.dampening, weightDecay, this.nesterov) = (momentum, dampening, weight_decay, nesterov);
        momentumBuffer = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var d = WithWeightDecay(grad, parameter, weightDecay);
        if (momentum != 0)
        {
            var buffer = momentumBuffer[index];
            if (buffer is null) buffer = momentumBuffer[index] = KeepState(d.clone());
            else buffer.mul_(momentum).add_(d, 1 - dampening);
            d = nesterov ? d.clone().add_(buffer, momentum) : buffer;
        }
        parameter.add_(d, -LearningRate);
    }
}
