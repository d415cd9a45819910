using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class DropoutHandler : KerasLayerHandler<Experiments.Dropout>
{
    protected override double Follow(Experiments.Dropout layer, KerasShapeTracker shape) => 0;

    protected override void Build(Experiments.Dropout layer, KerasModelBuilder model) => model.Modules.Add(nn.Dropout(layer.Rate, model.Dropout));
}
