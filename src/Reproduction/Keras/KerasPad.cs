using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Explicit constant padding of an NCHW input, (left, right, top, bottom), for TensorFlow's
/// "same" padding when it is asymmetric (tensorflow/python/ops/nn_ops.py: the odd pixel goes to
/// the bottom/right), which libtorch's symmetric conv/pool padding cannot express. Pooling pads
/// with −∞ so padded cells never win the max, as TensorFlow's same max-pool ignores them.
/// </summary>
public sealed class KerasPad(long left, long right, long top, long bottom, double value = 0) : nn.Module<Tensor, Tensor>
{
    public long[] Pads { get; } = [left, right, top, bottom];

    public override Tensor forward(Tensor input) => input.pad(Pads, value);
}
