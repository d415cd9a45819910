using Repro.Torch.Interop;

namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Convolution padding modes, as PyTorch's padding="valid" / padding="same".</summary>
        public enum Padding { Valid, Same }

        public static partial class functional
        {
            /// <summary>
            /// Convolution with PyTorch's string padding. "same" keeps the spatial size and needs stride 1
            /// (as in PyTorch); an even kernel puts the extra padding row/column at the bottom/right.
            /// </summary>
            public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, Padding padding, long stride = 1, long dilation = 1, long groups = 1)
            {
                if (padding == Padding.Valid) return conv2d(input, weight, bias, stride, 0, dilation, groups);
                if (stride != 1) throw new ArgumentException("conv2d: padding='same' is not supported for strided convolutions (as in PyTorch)");
                long* dilations = stackalloc[] { dilation, dilation };
                return new Tensor(NativeMethods.rt_conv2d_same(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.None, dilations, groups));
            }

            /// <summary>
            /// torch.nn.functional.batch_norm: normalises over every dimension but 1. In training it uses the batch
            /// statistics and updates the running ones in place (unbiased variance); otherwise it uses the running ones.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                // PyTorch checks this in Python: one value per channel has no variance (and NaN running_var).
                if (training && input.dim() >= 2 && input.numel() / input.size(1) == 1)
                    throw new ArgumentException($"batch_norm: expected more than 1 value per channel when training, got input of shape [{string.Join(", ", input.shape)}]");
                return new Tensor(NativeMethods.rt_batch_norm(input.Handle, weight?.Handle ?? TensorHandle.None, bias?.Handle ?? TensorHandle.None,
                    running_mean?.Handle ?? TensorHandle.None, running_var?.Handle ?? TensorHandle.None, training ? 1 : 0, momentum, eps));
            }

            /// <summary>
            /// Batch normalisation over dimension 1 with the batch mean and biased variance, followed (without
            /// gradient) by moving ← moving·momentum + batch·(1 − momentum) for the mean and the biased variance:
            /// momentum weighs the old value, unlike <see cref="batch_norm"/>'s, and the variance is not Bessel-corrected.
            /// </summary>
            public static Tensor batch_norm_moving_average(Tensor input, Tensor weight, Tensor bias, Tensor moving_mean, Tensor moving_variance,
                double momentum, double eps) =>
                new(NativeMethods.rt_batch_norm_moving_average(input.Handle, weight.Handle, bias.Handle, moving_mean.Handle, moving_variance.Handle, momentum, eps));

            /// <summary>l1·Σ|x| + l2·Σx² as a scalar, differentiable in x; a zero factor leaves its term out.</summary>
            public static Tensor l1_l2_penalty(Tensor input, double l1, double l2) => new(NativeMethods.rt_l1_l2_penalty(input.Handle, l1, l2));
        }
    }
}
