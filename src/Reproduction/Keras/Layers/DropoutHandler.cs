using Repro.Experiments;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class DropoutHandler : KerasLayerHandler<Dropout>
{
    protected override double Follow(Dropout layer, KerasShapeTracker shape) => 0;

    protected override void Build(Dropout layer, KerasModelBuilder model) => model.Modules.Add(nn.Dropout(layer.Rate, model.Dropout));
}
