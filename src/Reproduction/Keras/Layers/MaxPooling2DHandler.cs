using Repro.Experiments;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class MaxPooling2DHandler : KerasLayerHandler<MaxPooling2D>
{
    protected override double Follow(MaxPooling2D pool, KerasShapeTracker shape)
    {
        shape.Window(pool.PoolSize, Stride(pool), pool.Padding);
        return 0;
    }

    protected override void Build(MaxPooling2D pool, KerasModelBuilder model)
    {
        var pads = model.Shape.Pads(pool.PoolSize, Stride(pool), pool.Padding);
        if (pads != (0, 0, 0, 0)) model.Modules.Add(new KerasPad(pads.Left, pads.Right, pads.Top, pads.Bottom, double.NegativeInfinity));
        model.Modules.Add(nn.MaxPool2d(pool.PoolSize, Stride(pool)));
        model.EndBlock();
    }

    private static int Stride(MaxPooling2D pool) => pool.Strides ?? pool.PoolSize;
}
