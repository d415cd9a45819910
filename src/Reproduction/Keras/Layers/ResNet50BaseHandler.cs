using Repro.Experiments;

namespace Repro.Reproduction.Keras.Layers;

public sealed class ResNet50BaseHandler : KerasLayerHandler<ResNet50Base>
{
    /// <summary>ResNet50's 4.1 GMAC at 224×224, scaled with the pixel count.</summary>
    protected override double Follow(ResNet50Base layer, KerasShapeTracker shape)
    {
        var multiplyAccumulates = 4.1e9 * shape.Height * shape.Width / (224.0 * 224.0);
        KerasResNet50.Follow(shape);
        return multiplyAccumulates;
    }

    protected override void Build(ResNet50Base layer, KerasModelBuilder model)
    {
        var backbone = KerasResNet50.Build(model.Shape.Copy(), model.Initialisation, model.NamedLayers);
        if (!layer.Trainable) KerasModelBuilder.Freeze(backbone);
        model.Modules.Add(backbone);
    }
}
