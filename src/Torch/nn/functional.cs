using Repro.Torch.Interop;

namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public enum Reduction { None = 0, Mean = 1, Sum = 2 }

        public static partial class functional
        {
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                new(NativeMethods.rt_linear(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.None));

            public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
            {
                long* strides = stackalloc[] { stride, stride };
                long* paddings = stackalloc[] { padding, padding };
                long* dilations = stackalloc[] { dilation, dilation };
                return new Tensor(NativeMethods.rt_conv2d(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.None, strides, paddings, dilations, groups));
            }

            public static unsafe Tensor max_pool2d(Tensor input, long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
            {
                var s = stride ?? kernelSize;
                long* kernels = stackalloc[] { kernelSize, kernelSize };
                long* strides = stackalloc[] { s, s };
                long* paddings = stackalloc[] { padding, padding };
                long* dilations = stackalloc[] { dilation, dilation };
                return new Tensor(NativeMethods.rt_max_pool2d(input.Handle, kernels, strides, paddings, dilations, ceil_mode ? 1 : 0));
            }

            /// <summary>Int64 class indices to a one-hot Int64 tensor with <paramref name="num_classes"/> columns.</summary>
            public static Tensor one_hot(Tensor labels, long num_classes) => new(NativeMethods.rt_one_hot(labels.Handle, num_classes));

            /// <summary>
            /// Inverted dropout; the mask is drawn from <paramref name="generator"/> when given, on the CPU whatever the input's device,
            /// and copied to it (one seed, the same masks on every device), else from libtorch's global generator of the input's device.
            /// </summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null) =>
                new(NativeMethods.rt_dropout(input.Handle, p, training ? 1 : 0, generator?.Handle ?? GeneratorHandle.None));

            /// <summary>Log-softmax plus negative log-likelihood over class indices (Int64), as PyTorch defines it.</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(NativeMethods.rt_cross_entropy(input.Handle, target.Handle, (int)reduction));
        }
    }
}
