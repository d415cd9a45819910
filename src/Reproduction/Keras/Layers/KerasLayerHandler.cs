using Repro.Experiments;

namespace Repro.Reproduction.Keras.Layers;

/// <summary>
/// Everything Repro knows about one kind of Keras layer: its output shape, its forward multiply-accumulates and the
/// libtorch modules it becomes. <see cref="KerasModel.Build"/>, the shape tracking and <see cref="Runs.TimeEstimate"/>
/// all go through it, so the model and the estimate cannot disagree. Derive from <see cref="KerasLayerHandler{TLayer}"/>;
/// <see cref="KerasLayerHandlers"/> finds every handler in the loaded assemblies.
/// </summary>
public abstract class KerasLayerHandler
{
    public abstract Type LayerType { get; }

    /// <summary>Moves <paramref name="shape"/> from the layer's input to its output, returning one example's forward multiply-accumulates.</summary>
    public abstract double Follow(Layer layer, KerasShapeTracker shape);

    /// <summary>Adds the layer's modules to <paramref name="model"/>, whose shape is still the layer's input (it is followed afterwards).</summary>
    public abstract void Build(Layer layer, KerasModelBuilder model);

    /// <summary>The activation the layer ends with, kept apart from the logits when it is the model's last layer.</summary>
    public abstract Activation OutputActivation(Layer layer);
}

/// <summary>The handler of layers of type <typeparamref name="TLayer"/>.</summary>
public abstract class KerasLayerHandler<TLayer> : KerasLayerHandler where TLayer : Layer
{
    public sealed override Type LayerType => typeof(TLayer);

    public sealed override double Follow(Layer layer, KerasShapeTracker shape) => Follow((TLayer)layer, shape);

    public sealed override void Build(Layer layer, KerasModelBuilder model) => Build((TLayer)layer, model);

    public sealed override Activation OutputActivation(Layer layer) => OutputActivation((TLayer)layer);

    protected abstract double Follow(TLayer layer, KerasShapeTracker shape);

    protected abstract void Build(TLayer layer, KerasModelBuilder model);

    /// <summary>Linear unless the layer carries an activation of its own.</summary>
    protected virtual Activation OutputActivation(TLayer layer) => Activation.Linear;
}
