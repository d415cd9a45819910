using Repro.Experiments;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

public sealed class DenseHandler : KerasLayerHandler<Dense>
{
    protected override double Follow(Dense dense, KerasShapeTracker shape)
    {
        var inputs = shape.FeatureCount;
        shape.Dense(dense.Units);
        return (double)inputs * dense.Units;
    }

    protected override void Build(Dense dense, KerasModelBuilder model)
    {
        var d = nn.Linear(model.Shape.FeatureCount, dense.Units);
        model.GlorotUniform(d.weight, d.bias);
        model.Modules.Add(d);
        model.Regularize(d.weight, dense.KernelRegularizer);
        model.Regularize(d.bias, dense.BiasRegularizer);
        model.Activate(dense.Activation);
        model.TapActivity(dense.ActivityRegularizer);
    }

    protected override Activation OutputActivation(Dense dense) => dense.Activation;
}
