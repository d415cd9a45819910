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
    public static Tensor Penalty(Tensor x, Regularizer regularizer) => nn.functional.l1_l2_penalty(x, regularizer.L1, regularizer.L2);
}
