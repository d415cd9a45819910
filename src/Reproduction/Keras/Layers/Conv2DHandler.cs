using Repro.Experiments;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class Conv2DHandler : KerasLayerHandler<Conv2D>
{
    protected override double Follow(Conv2D conv, KerasShapeTracker shape)
    {
        var inChannels = shape.Channels;
        shape.Window(conv.KernelSize, conv.Stride, conv.Padding);
        shape.Convolved(conv.Filters);
        return (double)shape.Height * shape.Width * conv.KernelSize * conv.KernelSize * inChannels * conv.Filters;
    }

    protected override void Build(Conv2D conv, KerasModelBuilder model)
    {
        var (left, right, top, bottom) = model.Shape.Pads(conv.KernelSize, conv.Stride, conv.Padding);
        // libtorch pads symmetrically; TensorFlow's odd extra pixel needs an explicit pad.
        var symmetric = left == right && top == bottom && left == top;
        if (!symmetric) model.Modules.Add(new KerasPad(left, right, top, bottom));
        var c = nn.Conv2d(model.Shape.Channels, conv.Filters, conv.KernelSize, conv.Stride, symmetric ? left : 0);
        model.GlorotUniform(c.weight, c.bias);
        if (!conv.Trainable) KerasModelBuilder.Freeze(c);
        model.Modules.Add(c);
        model.NamedLayers.Add(new KerasNamedLayer(model.NextConvolutionName(), c));
        model.Regularize(c.weight, conv.KernelRegularizer);
        model.Regularize(c.bias, conv.BiasRegularizer);
        model.Activate(conv.Activation);
        model.TapActivity(conv.ActivityRegularizer);
    }

    protected override Activation OutputActivation(Conv2D conv) => conv.Activation;
}
