using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// torch.optim.NAdam (1.13, _single_tensor_nadam): Adam with Nesterov momentum and the momentum schedule
/// μₜ = β1·(1 − ½·0.96^(t·ψ)), ψ = momentum_decay.
/// </summary>
public sealed class NAdam : torch.optim.Optimizer
{
    private readonly double beta1, beta2, eps, weightDecay, momentumDecay;
    private readonly Tensor?[] expAvg, expAvgSq;
    // PyTorch keeps ∏μ as a float32 tensor (torch.tensor(1.)), so each product is rounded to float32;
    // a double here would drift from it in the 8th digit.
    private readonly float[] muProduct;

    public NAdam(IEnumerable<nn.Parameter> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, double momentum_decay = 4e-3) : base(parameters, lr)
    {
        (this.beta1, this.beta2, this.eps, weightDecay, momentumDecay) = (beta1, beta2, eps, weight_decay, momentum_decay);
        expAvg = new Tensor?[Parameters.Count];
        expAvgSq = new Tensor?[Parameters.Count];
        muProduct = Enumerable.Repeat(1f, Parameters.Count).ToArray();
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var step = ParameterStep(index);
        var biasCorrection2 = 1 - Math.Pow(beta2, step);
        var g = WithWeightDecay(grad, parameter, weightDecay);
        var mu = beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * momentumDecay));
        var muNext = beta1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * momentumDecay));
        // Float32 tensor × Python float multiplies in float32 with the scalar cast to float32.
        muProduct[index] *= (float)mu;
        var muProductNext = muProduct[index] * (float)mu * (float)muNext;
        var m = expAvg[index] ??= NewState(parameter);
        var v = expAvgSq[index] ??= NewState(parameter);
        m.mul_(beta1).add_(g, 1 - beta1);
        v.mul_(beta2).addcmul_(g, g, 1 - beta2);
        var denominator = (v / biasCorrection2).sqrt() + eps;
        parameter.addcdiv_(g, denominator, -LearningRate * (1.0 - mu) / (1.0 - muProduct[index]));
        parameter.addcdiv_(m, denominator, -LearningRate * muNext / (1.0 - muProductNext));
    }
}
