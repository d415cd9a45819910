using Repro.Torch.Interop;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// Tensor operations only the tests use (the parity tolerances' reference arithmetic and the checks of the shim's
/// element-wise kernels), with TorchSharp's names, over the binding's kernels; the binding keeps the operations Repro uses.
/// </summary>
internal static class ReferenceTensorOps
{
    public static Tensor exp(this Tensor tensor) => tensor.Unary(UnaryOp.Exp);

    public static Tensor sign(this Tensor tensor) => tensor.Unary(UnaryOp.Sign);

    public static Tensor pow(this Tensor tensor, double exponent) => tensor.Scalar(exponent, BinaryOp.Pow);

    public static Tensor minimum(this Tensor tensor, Tensor other) => tensor.Binary(other, BinaryOp.Minimum);

    public static Tensor amax(this Tensor tensor, long[] dims, bool keepdim = false) => tensor.Reduce(dims, keepdim, ReduceOp.AMax);

    public static Tensor log_softmax(this Tensor tensor, long dim) => new(ReferenceNativeMethods.rt_log_softmax(tensor.Handle, dim));
}
