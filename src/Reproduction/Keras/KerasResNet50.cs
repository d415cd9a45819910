using Repro.Experiments;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// The ResNet50 convolutional base as keras/applications/resnet.py builds it: ZeroPadding(3) →
/// conv 64@7×7/2 → BN → relu → ZeroPadding(1) → max-pool 3/2, then stack1(64, 3, stride 1),
/// stack1(128, 4), stack1(256, 6), stack1(512, 3). Every convolution has a bias, every
/// BatchNormalization ε = 1.001e-5, as the Keras source sets them.
/// </summary>
public static class KerasResNet50
{
    private const double Epsilon = 1.001e-5;

    public static nn.Module<Tensor, Tensor> Build(KerasShapeTracker shape, Generator initialisation)
    {
        var modules = new List<nn.Module<Tensor, Tensor>>
        {
            Conv(shape, 64, 7, 2, explicitPadding: 3, initialisation),
            new KerasBatchNorm(64, epsilon: Epsilon),
            new KerasActivation(Activation.Relu),
            new KerasPad(1, 1, 1, 1),
            nn.MaxPool2d(3, 2),
        };
        shape.Pad(1);
        shape.Window(3, 2, Padding.Valid);
        foreach (var (filters, blocks, stride) in new[] { (64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2) })
        {
            for (var block = 0; block < blocks; block++)
                modules.Add(Bottleneck(shape, filters, block == 0 ? stride : 1, convShortcut: block == 0, initialisation));
        }
        return nn.Sequential(modules.ToArray());
    }

    /// <summary>block1(): 1×1 (stride) → 3×3 same → 1×1 ×4, each with BN; added to the (projected) input, then relu.</summary>
    private static Bottleneck Bottleneck(KerasShapeTracker shape, int filters, int stride, bool convShortcut, Generator initialisation)
    {
        var inChannels = shape.Channels;
        var main = nn.Sequential(
            Conv(shape, filters, 1, stride, explicitPadding: 0, initialisation), new KerasBatchNorm(filters, epsilon: Epsilon), new KerasActivation(Activation.Relu),
            Conv(shape, filters, 3, 1, explicitPadding: 1, initialisation), new KerasBatchNorm(filters, epsilon: Epsilon), new KerasActivation(Activation.Relu),
            Conv(shape, 4 * filters, 1, 1, explicitPadding: 0, initialisation), new KerasBatchNorm(4 * filters, epsilon: Epsilon));
        Sequential? shortcut = null;
        if (convShortcut)
        {
            var projection = nn.Conv2d(inChannels, 4 * filters, 1, stride);
            Initialise(projection, initialisation);
            shortcut = nn.Sequential(projection, new KerasBatchNorm(4 * filters, epsilon: Epsilon));
        }
        return new Bottleneck(main, shortcut);
    }

    /// <summary>A convolution padded symmetrically (ZeroPadding2D before a valid conv, or 'same' at stride 1).</summary>
    private static Conv2d Conv(KerasShapeTracker shape, int filters, int kernel, int stride, int explicitPadding, Generator initialisation)
    {
        var conv = nn.Conv2d(shape.Channels, filters, kernel, stride, explicitPadding);
        shape.Pad(explicitPadding);
        shape.Window(kernel, stride, Padding.Valid);
        shape.Convolved(filters);
        Initialise(conv, initialisation);
        return conv;
    }

    private static void Initialise(Conv2d conv, Generator initialisation)
    {
        nn.init.xavier_uniform_(conv.weight, generator: initialisation);
        nn.init.zeros_(conv.bias!);
    }
}

/// <summary>relu(main(x) + shortcut(x)), the shortcut being the identity unless a projection is given.</summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Sequential main;
    private readonly Sequential? shortcut;

    public Bottleneck(Sequential main, Sequential? shortcut) : base(nameof(Bottleneck))
    {
        this.main = register_module("main", main);
        this.shortcut = shortcut is null ? null : register_module("shortcut", shortcut);
    }

    public override Tensor forward(Tensor input) => (main.call(input) + (shortcut?.call(input) ?? input)).relu();
}
