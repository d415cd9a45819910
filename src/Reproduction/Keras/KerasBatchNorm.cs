using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// keras.layers.BatchNormalization over axis 1 of an NCHW (per channel) or NC (per feature)
/// input, as keras/layers/normalization/batch_normalization.py computes it: γ = 1, β = 0,
/// moving mean 0, moving variance 1; momentum 0.99, ε 1e-3.
/// Training: y = (x − μ_B)/√(σ²_B + ε)·γ + β with the batch mean and the biased batch variance,
/// then moving ← moving·momentum + batch·(1 − momentum) for both statistics (Keras's
/// assign_moving_average, fed the biased variance from its _moments). Keras 2's fused path for
/// 4-D inputs lands on the same biased update: TensorFlow's fused op works with Bessel-corrected
/// variances, and _fused_batch_norm adds the correction to the moving variance going in and
/// removes it from the result (_maybe_add_or_remove_bessels_correction). Inference: the moving statistics.
/// torch.nn.BatchNorm2d differs in momentum (0.1 on the new value), ε (1e-5) and feeds the unbiased variance.
/// The moving statistics are registered as non-trainable parameters (requires_grad false): that
/// keeps them outside every dispose scope and disposes them with the module, and Keras counts
/// them in a model's total (non-trainable) parameters too.
/// </summary>
public sealed class KerasBatchNorm : nn.Module<Tensor, Tensor>
{
    public const double DefaultMomentum = 0.99, DefaultEpsilon = 1e-3;

    private readonly double momentum, epsilon;

    public KerasBatchNorm(long features, double momentum = DefaultMomentum, double epsilon = DefaultEpsilon)
    {
        (this.momentum, this.epsilon) = (momentum, epsilon);
        gamma = register_parameter("gamma", new nn.Parameter(ones([features])));
        beta = register_parameter("beta", new nn.Parameter(zeros([features])));
        moving_mean = register_parameter("moving_mean", new nn.Parameter(zeros([features]), requires_grad: false));
        moving_variance = register_parameter("moving_variance", new nn.Parameter(ones([features]), requires_grad: false));
    }

    public nn.Parameter gamma { get; }
    public nn.Parameter beta { get; }
    public nn.Parameter moving_mean { get; }
    public nn.Parameter moving_variance { get; }

    /// <summary>
    /// False for a frozen layer: then it always normalises with the moving statistics and never updates them, as
    /// TensorFlow 2's Keras does for a BatchNormalization with trainable = False, whatever the model's mode
    /// (keras/layers/normalization/batch_normalization.py, _get_training_value: "When the layer is not trainable, it
    /// overrides the value passed from model").
    /// </summary>
    public bool Trainable { get; set; } = true;

    public override Tensor forward(Tensor input)
    {
        if (!training || !Trainable)
            return nn.functional.batch_norm(input, moving_mean, moving_variance, gamma, beta, training: false, eps: epsilon);

        // One fused kernel normalises with the batch mean and biased variance and moves Keras's averages,
        // which libtorch's batch_norm cannot: it would feed them the unbiased variance.
        return nn.functional.batch_norm_moving_average(input, gamma, beta, moving_mean, moving_variance, momentum, epsilon);
    }
}
