using static Repro.Torch.torch;
using static Repro.Torch.torch.nn;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// Batch normalisation with PyTorch's semantics: training normalises with the batch statistics (biased
/// variance) and updates running_mean/running_var in place as r = (1 − momentum)·r + momentum·s with the
/// unbiased variance; eval normalises with the running statistics. weight starts at 1, bias at 0,
/// running_mean at 0, running_var at 1. The running statistics are buffers: owned by the module,
/// outside every dispose scope, freed with it. Repro normalises as Keras does; this module is what the parity
/// tests compare with PyTorch's BatchNorm1d/2d.
/// </summary>
public abstract class BatchNorm : Module<Tensor, Tensor>
{
    private protected BatchNorm(long numFeatures, double eps, double momentum, bool affine)
    {
        (num_features, this.eps, this.momentum) = (numFeatures, eps, momentum);
        if (affine)
        {
            weight = register_parameter("weight", new Parameter(ones([numFeatures])));
            bias = register_parameter("bias", new Parameter(zeros([numFeatures])));
        }
        running_mean = register_buffer("running_mean", zeros([numFeatures]));
        running_var = register_buffer("running_var", ones([numFeatures]));
    }

    public long num_features { get; }
    public double eps { get; }
    public double momentum { get; }
    public Parameter? weight { get; }
    public Parameter? bias { get; }
    public Tensor running_mean { get; }
    public Tensor running_var { get; }

    /// <summary>Throws as PyTorch's _check_input_dim does for the wrong number of dimensions.</summary>
    private protected abstract void CheckInput(Tensor input);

    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps);
    }
}

/// <summary>Over (N, C) or (N, C, L) input, per channel C.</summary>
public sealed class BatchNorm1d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(numFeatures, eps, momentum, affine)
{
    private protected override void CheckInput(Tensor input)
    {
        if (input.dim() is not (2 or 3)) throw new ArgumentException($"BatchNorm1d: expected 2D or 3D input (got {input.dim()}D input)");
    }
}

/// <summary>Over (N, C, H, W) input, per channel C.</summary>
public sealed class BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(numFeatures, eps, momentum, affine)
{
    private protected override void CheckInput(Tensor input)
    {
        if (input.dim() != 4) throw new ArgumentException($"BatchNorm2d: expected 4D input (got {input.dim()}D input)");
    }
}
