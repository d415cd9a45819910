using Repro.Experiments;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class FlattenHandler : KerasLayerHandler<Flatten>
{
    protected override double Follow(Flatten layer, KerasShapeTracker shape)
    {
        shape.Flatten();
        return 0;
    }

    protected override void Build(Flatten layer, KerasModelBuilder model) => model.Modules.Add(nn.Flatten());
}
