using Repro.Experiments;

namespace Repro.Reproduction.Keras.Layers;

public sealed class BatchNormalizationHandler : KerasLayerHandler<BatchNormalization>
{
    protected override double Follow(BatchNormalization norm, KerasShapeTracker shape) => 0;

    protected override void Build(BatchNormalization norm, KerasModelBuilder model)
    {
        var batchNorm = new KerasBatchNorm(model.Shape.Axis, norm.Momentum, norm.Epsilon);
        model.Modules.Add(batchNorm);
        model.NamedLayers.Add(new KerasNamedLayer(model.NextBatchNormalizationName(), batchNorm));
    }
}
