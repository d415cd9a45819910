using Repro.Experiments;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// The penalty of a Keras L1L2 regulariser (keras/regularizers.py, L1L2.__call__): l1·Σ|x| + l2·Σx²,
/// each term only when its factor is non-zero, with no ½ on L2.
/// </summary>
public static class KerasRegularization
{
    public static Tensor Penalty(Tensor x, Regularizer regularizer)
    {
        var penalty = zeros([], x.dtype);
        if (regularizer.L1 != 0) penalty = penalty + x.abs().sum() * regularizer.L1;
        if (regularizer.L2 != 0) penalty = penalty + x.square().sum() * regularizer.L2;
        return penalty;
    }
}
