using static Repro.Torch.torch;
using static Repro.Torch.torch.nn;

namespace Repro.Torch.Modules;

public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor>[] layers;

    internal Sequential((string name, Module<Tensor, Tensor> module)[] modules)
    {
        foreach (var (name, module) in modules) register_module(name, module);
        layers = modules.Select(m => m.module).ToArray();
    }

    public IReadOnlyList<Module<Tensor, Tensor>> Layers => layers;

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers) x = layer.call(x);
        return x;
    }
}

/// <summary>y = x Wᵀ + b, initialised as PyTorch does (kaiming-uniform a=√5, bias U(±1/√fan_in)).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long inputSize, long outputSize, bool hasBias)
    {
        weight = register_parameter("weight", new Parameter(empty([outputSize, inputSize])));
        bias = hasBias ? register_parameter("bias", new Parameter(empty([outputSize]))) : null;
        init.reset_like_pytorch(weight, bias);
    }

    public Parameter weight { get; }
    public Parameter? bias { get; }

    public override Tensor forward(Tensor input) => functional.linear(input, weight, bias);
}

/// <summary>2-D convolution over NCHW input with symmetric zero padding, or PyTorch's padding="same".</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    private readonly long stride;
    private readonly long padding;
    private readonly Padding? mode;

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, bool hasBias)
        : this(inChannels, outChannels, kernelSize, stride, padding, null, hasBias)
    {
    }

    /// <summary>Padding.Same keeps the spatial size and, as in PyTorch, allows only stride 1.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, Padding padding, long stride, bool hasBias)
        : this(inChannels, outChannels, kernelSize, stride, 0, padding, hasBias)
    {
        if (padding == Padding.Same && stride != 1)
            throw new ArgumentException("Conv2d: padding='same' is not supported for strided convolutions (as in PyTorch)");
    }

    private Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, Padding? mode, bool hasBias)
    {
        this.stride = stride;
        this.padding = padding;
        this.mode = mode;
        weight = register_parameter("weight", new Parameter(empty([outChannels, inChannels, kernelSize, kernelSize])));
        bias = hasBias ? register_parameter("bias", new Parameter(empty([outChannels]))) : null;
        init.reset_like_pytorch(weight, bias);
    }

    public Parameter weight { get; }
    public Parameter? bias { get; }

    public override Tensor forward(Tensor input) => mode is { } m
        ? functional.conv2d(input, weight, bias, m, stride)
        : functional.conv2d(input, weight, bias, stride, padding);
}

/// <summary>Max pooling; floor mode, which is what Keras's "valid" pooling does.</summary>
public sealed class MaxPool2d(long kernelSize, long stride) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => functional.max_pool2d(input, kernelSize, stride);
}

internal sealed class Flatten(long startDim, long endDim) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.flatten(startDim, endDim);
}

/// <summary>
/// Inverted dropout, active only in training mode; draws from <paramref name="generator"/> when given
/// (trainings side by side each own one), else from libtorch's global generator. The module does not own the generator.
/// </summary>
internal sealed class Dropout(double p, Generator? generator = null) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => functional.dropout(input, p, training, generator);
}
