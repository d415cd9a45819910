using Repro.Experiments;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// The ResNet50 convolutional base as keras/applications/resnet.py builds it: ZeroPadding(3) →
/// conv 64@7×7/2 → BN → relu → ZeroPadding(1) → max-pool 3/2, then stack1(64, 3, stride 1),
/// stack1(128, 4), stack1(256, 6), stack1(512, 3). Every convolution has a bias, every
/// BatchNormalization ε = 1.001e-5, as the Keras source sets them. Every convolution and batch normalisation is
/// named as Keras names it (conv1_conv, conv1_bn, conv2_block1_0_conv for a projection shortcut, conv2_block1_1_conv
/// to _3_conv for the main path, each with its _bn), so a Keras weight file fills them by name.
/// </summary>
public static class KerasResNet50
{
    private const double Epsilon = 1.001e-5;

    /// <summary>stack1(filters, blocks, stride) for conv2 to conv5: (stack number, filters, blocks, first block's stride).</summary>
    private static readonly (int Stack, int Filters, int Blocks, int Stride)[] Stacks = [(2, 64, 3, 1), (3, 128, 4, 2), (4, 256, 6, 2), (5, 512, 3, 2)];

    /// <summary>Moves <paramref name="shape"/> from the base's input to its output (2048 channels), as <see cref="Build"/> does, without building it.</summary>
    public static void Follow(KerasShapeTracker shape)
    {
        FollowConv(shape, 64, 7, 2, explicitPadding: 3);
        FollowStemPooling(shape);
        foreach (var (_, filters, blocks, stride) in Stacks)
        {
            for (var block = 0; block < blocks; block++)
            {
                FollowConv(shape, filters, 1, block == 0 ? stride : 1, explicitPadding: 0);
                FollowConv(shape, filters, 3, 1, explicitPadding: 1);
                FollowConv(shape, 4 * filters, 1, 1, explicitPadding: 0);
            }
        }
    }

    /// <param name="named">Receives the named convolutions and batch normalisations, in Keras's order.</param>
    public static nn.Module<Tensor, Tensor> Build(KerasShapeTracker shape, Generator initialisation, ICollection<KerasNamedLayer> named)
    {
        var stem = Conv(shape, 64, 7, 2, explicitPadding: 3, initialisation);
        var stemNorm = new KerasBatchNorm(64, epsilon: Epsilon);
        named.Add(new KerasNamedLayer("conv1_conv", stem));
        named.Add(new KerasNamedLayer("conv1_bn", stemNorm));
        var modules = new List<nn.Module<Tensor, Tensor>>
        {
            stem,
            stemNorm,
            new KerasActivation(Activation.Relu),
            new KerasPad(1, 1, 1, 1),
            nn.MaxPool2d(3, 2),
        };
        FollowStemPooling(shape);
        foreach (var (stack, filters, blocks, stride) in Stacks)
        {
            for (var block = 0; block < blocks; block++)
                modules.Add(Bottleneck(shape, filters, block == 0 ? stride : 1, convShortcut: block == 0, initialisation, named, $"conv{stack}_block{block + 1}"));
        }
        return nn.Sequential(modules.ToArray());
    }

    /// <summary>block1(): 1×1 (stride) → 3×3 same → 1×1 ×4, each with BN; added to the (projected) input, then relu.</summary>
    private static Bottleneck Bottleneck(KerasShapeTracker shape, int filters, int stride, bool convShortcut, Generator initialisation, ICollection<KerasNamedLayer> named, string name)
    {
        var inChannels = shape.Channels;
        // (conv, batch norm) pairs named as block1() names them: _1 to _3 on the main path, _0 the projection.
        (Conv2d, KerasBatchNorm) Unit(int index, Conv2d conv, int channels)
        {
            var norm = new KerasBatchNorm(channels, epsilon: Epsilon);
            named.Add(new KerasNamedLayer($"{name}_{index}_conv", conv));
            named.Add(new KerasNamedLayer($"{name}_{index}_bn", norm));
            return (conv, norm);
        }

        // The main path is initialised first, then the projection: the order the seeded initialisation stream was drawn in.
        var (conv1, norm1) = Unit(1, Conv(shape, filters, 1, stride, explicitPadding: 0, initialisation), filters);
        var (conv2, norm2) = Unit(2, Conv(shape, filters, 3, 1, explicitPadding: 1, initialisation), filters);
        var (conv3, norm3) = Unit(3, Conv(shape, 4 * filters, 1, 1, explicitPadding: 0, initialisation), 4 * filters);
        var main = nn.Sequential(conv1, norm1, new KerasActivation(Activation.Relu), conv2, norm2, new KerasActivation(Activation.Relu), conv3, norm3);
        Sequential? shortcut = null;
        if (convShortcut)
        {
            var projection = nn.Conv2d(inChannels, 4 * filters, 1, stride);
            Initialise(projection, initialisation);
            var (conv, norm) = Unit(0, projection, 4 * filters);
            shortcut = nn.Sequential(conv, norm);
        }

        return new Bottleneck(main, shortcut);
    }

    /// <summary>A convolution padded symmetrically (ZeroPadding2D before a valid conv, or 'same' at stride 1).</summary>
    private static Conv2d Conv(KerasShapeTracker shape, int filters, int kernel, int stride, int explicitPadding, Generator initialisation)
    {
        var conv = nn.Conv2d(shape.Channels, filters, kernel, stride, explicitPadding);
        FollowConv(shape, filters, kernel, stride, explicitPadding);
        Initialise(conv, initialisation);
        return conv;
    }

    private static void FollowConv(KerasShapeTracker shape, int filters, int kernel, int stride, int explicitPadding)
    {
        shape.Pad(explicitPadding);
        shape.Window(kernel, stride, Padding.Valid);
        shape.Convolved(filters);
    }

    /// <summary>ZeroPadding(1) → max-pool 3/2 after the stem.</summary>
    private static void FollowStemPooling(KerasShapeTracker shape)
    {
        shape.Pad(1);
        shape.Window(3, 2, Padding.Valid);
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

    public Bottleneck(Sequential main, Sequential? shortcut)
    {
        this.main = register_module("main", main);
        this.shortcut = shortcut is null ? null : register_module("shortcut", shortcut);
    }

    public override Tensor forward(Tensor input) => (main.call(input) + (shortcut?.call(input) ?? input)).relu();
}
