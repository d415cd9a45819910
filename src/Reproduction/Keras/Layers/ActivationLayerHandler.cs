using Repro.Experiments;

namespace Repro.Reproduction.Keras.Layers;

public sealed class ActivationLayerHandler : KerasLayerHandler<ActivationLayer>
{
    protected override double Follow(ActivationLayer layer, KerasShapeTracker shape) => 0;

    protected override void Build(ActivationLayer layer, KerasModelBuilder model) => model.Activate(layer.Activation);

    protected override Activation OutputActivation(ActivationLayer layer) => layer.Activation;
}
