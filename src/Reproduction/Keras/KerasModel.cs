using Repro.Experiments;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// A Keras Sequential model rebuilt on libtorch: the same layers and shapes, Keras's initialisers
/// (glorot-uniform kernels, zero biases) instead of PyTorch's, and the final softmax kept apart
/// so the loss can be computed from logits as TensorFlow's Keras does.
/// </summary>
public sealed class KerasModel : IDisposable
{
    private KerasModel(Sequential logits, Activation outputActivation)
    {
        Logits = logits;
        OutputActivation = outputActivation;
    }

    /// <summary>Every layer, with the last layer's activation left out.</summary>
    public Sequential Logits { get; }

    /// <summary>The activation of the last layer, applied by <see cref="Predict"/> and accounted for by the loss.</summary>
    public Activation OutputActivation { get; }

    public long ParameterCount => Logits.parameters().Sum(p => p.numel());

    /// <summary>Class probabilities (or whatever the output activation gives).</summary>
    public Tensor Predict(Tensor input)
    {
        var z = Logits.call(input);
        return OutputActivation switch
        {
            Activation.Softmax => z.softmax(1),
            Activation.Relu => z.relu(),
            _ => z,
        };
    }

    public static KerasModel Build(IReadOnlyList<Layer> layers, (int Channels, int Height, int Width) input, Generator initialisation)
    {
        var builder = new ShapeTracker(input);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < layers.Count; i++)
        {
            var isLast = i == layers.Count - 1;
            switch (layers[i])
            {
                case Conv2D conv:
                    var c = nn.Conv2d(builder.Channels, conv.Filters, conv.KernelSize, conv.Stride, builder.Convolve(conv));
                    GlorotUniform(c.weight, c.bias, initialisation);
                    modules.Add(c);
                    if (!isLast) AddActivation(modules, conv.Activation);
                    break;
                case MaxPooling2D pool:
                    builder.Pool(pool.PoolSize);
                    modules.Add(nn.MaxPool2d(pool.PoolSize));
                    break;
                case Experiments.Flatten:
                    modules.Add(nn.Flatten());
                    builder.Flatten();
                    break;
                case Dense dense:
                    var d = nn.Linear(builder.Features, dense.Units);
                    GlorotUniform(d.weight, d.bias, initialisation);
                    builder.Dense(dense.Units);
                    modules.Add(d);
                    if (!isLast) AddActivation(modules, dense.Activation);
                    break;
                case Experiments.Dropout dropout:
                    modules.Add(nn.Dropout(dropout.Rate));
                    break;
                default:
                    throw new NotSupportedException($"Layer {layers[i]} has no libtorch counterpart in Repro yet.");
            }
        }
        var outputActivation = layers[^1] switch
        {
            Conv2D conv => conv.Activation,
            Dense dense => dense.Activation,
            _ => Activation.Linear,
        };
        return new KerasModel(nn.Sequential(modules.ToArray()), outputActivation);
    }

    private static void GlorotUniform(Tensor kernel, Tensor? bias, Generator generator)
    {
        nn.init.xavier_uniform_(kernel, generator: generator);
        if (bias is not null) nn.init.zeros_(bias);
    }

    private static void AddActivation(List<nn.Module<Tensor, Tensor>> modules, Activation activation)
    {
        switch (activation)
        {
            case Activation.Relu: modules.Add(nn.ReLU()); break;
            case Activation.Softmax: modules.Add(nn.Softmax(1)); break;
            case Activation.Linear: break;
        }
    }

    public void Dispose() => Logits.Dispose();

    /// <summary>Follows the activation shape through the layers, so each layer gets its input size as Keras infers it.</summary>
    private sealed class ShapeTracker((int Channels, int Height, int Width) input)
    {
        public long Channels { get; private set; } = input.Channels;
        private long height = input.Height, width = input.Width;
        public long Features { get; private set; }

        /// <summary>Returns the symmetric padding for this convolution and updates the shape.</summary>
        public long Convolve(Conv2D conv)
        {
            long padding = 0;
            if (conv.Padding == Padding.Same)
            {
                // Keras pads "same" asymmetrically when the total padding is odd; that needs an explicit pad op.
                if (conv.Stride != 1 || conv.KernelSize % 2 == 0)
                    throw new NotSupportedException("padding='same' with stride > 1 or an even kernel is not supported yet.");
                padding = conv.KernelSize / 2;
            }
            height = (height + 2 * padding - conv.KernelSize) / conv.Stride + 1;
            width = (width + 2 * padding - conv.KernelSize) / conv.Stride + 1;
            Channels = conv.Filters;
            return padding;
        }

        public void Pool(int size) => (height, width) = (height / size, width / size);

        public void Flatten() => Features = Channels * height * width;

        public void Dense(int units) => Features = units;
    }
}
