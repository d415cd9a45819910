using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class FlattenHandler : KerasLayerHandler<Experiments.Flatten>
{
    protected override double Follow(Experiments.Flatten layer, KerasShapeTracker shape)
    {
        shape.Flatten();
        return 0;
    }

    protected override void Build(Experiments.Flatten layer, KerasModelBuilder model) => model.Modules.Add(nn.Flatten());
}
