using Repro.Torch.Modules;

namespace Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) =>
            new(modules.Select((m, i) => (i.ToString(), m)).ToArray());

        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true) => new(inputSize, outputSize, hasBias);

        public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, bool bias = true) =>
            new(in_channels, out_channels, kernelSize, stride, padding, bias);

        /// <summary>Convolution with PyTorch's padding="valid"/"same" (same needs stride 1).</summary>
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, Padding padding, long stride = 1, bool bias = true) =>
            new(in_channels, out_channels, kernelSize, padding, stride, bias);

        public static MaxPool2d MaxPool2d(long kernelSize, long? stride = null) => new(kernelSize, stride ?? kernelSize);

        // Flatten and Dropout are reached only through these factories, so their module types stay internal and never
        // clash with the Keras layer definitions of the same names (Repro.Experiments.Flatten, Repro.Experiments.Dropout).
        public static Module<Tensor, Tensor> Flatten(long startDim = 1, long endDim = -1) => new Flatten(startDim, endDim);

        public static Module<Tensor, Tensor> Dropout(double p = 0.5, Generator? generator = null) => new Dropout(p, generator);
    }
}
