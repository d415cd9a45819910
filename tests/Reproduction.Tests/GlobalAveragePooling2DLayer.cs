using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Keras.Layers;
using Repro.Reproduction.Runs;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>keras.layers.GlobalAveragePooling2D, added the way a new layer kind is: the layer, its handler and its module in one file.</summary>
public sealed record GlobalAveragePooling2D : Layer;

/// <summary>The mean of each channel over the map: C×H×W → C features, one addition per input value.</summary>
public sealed class GlobalAveragePooling2DHandler : KerasLayerHandler<GlobalAveragePooling2D>
{
    protected override double Follow(GlobalAveragePooling2D layer, KerasShapeTracker shape)
    {
        double multiplyAccumulates = shape.Channels * shape.Height * shape.Width;
        shape.ToFeatures(shape.Channels);
        return multiplyAccumulates;
    }

    protected override void Build(GlobalAveragePooling2D layer, KerasModelBuilder model) => model.Modules.Add(new GlobalAveragePooling());
}

public sealed class GlobalAveragePooling() : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.mean([2, 3]);
}

/// <summary>A layer kind defined outside Repro.Reproduction is built, shaped and estimated by its handler, found by discovery.</summary>
public class GlobalAveragePooling2DTests
{
    /// <summary>Conv 4@3×3 valid on 1×8×8 → 6×6×4 → global average → 4 → dense 10: 40 + 50 = 90 parameters.</summary>
    private static readonly IReadOnlyList<Layer> Model = [new Conv2D(4, 3, Activation.Relu), new GlobalAveragePooling2D(), new Dense(10, Activation.Softmax)];

    [Test]
    public void A_new_layer_kind_builds_into_a_model()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(Model, (1, 8, 8), generator);
        using var scope = NewDisposeScope();
        var pooled = model.Network.Layers[2].call(tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [1, 2, 2, 2]));
        Assert.Multiple(() =>
        {
            Assert.That(model.ParameterCount, Is.EqualTo(90));
            Assert.That(model.Network.Layers.Select(m => m.GetType().Name), Is.EqualTo(new[] { "Conv2d", "KerasActivation", "GlobalAveragePooling", "Linear" }));
            Assert.That(pooled.data<float>(), Is.EqualTo(new float[] { 2.5f, 6.5f }), "the mean of each channel");
            Assert.That(model.Predict(zeros([3, 1, 8, 8])).shape, Is.EqualTo(new long[] { 3, 10 }));
        });
    }

    [Test]
    public void A_new_layer_kind_gets_a_shape_and_an_estimate()
    {
        var shape = new KerasShapeTracker((1, 8, 8));
        var multiplyAccumulates = KerasLayerHandlers.Follow(Model.Take(2).ToList(), shape);
        Assert.Multiple(() =>
        {
            Assert.That(shape.Features, Is.EqualTo(4));
            Assert.That(multiplyAccumulates, Is.EqualTo((6 * 6 * 3 * 3 * 1 * 4) + (6 * 6 * 4)));
            Assert.That(TimeEstimate.ForwardMultiplyAccumulates(Model, (1, 8, 8)), Is.EqualTo(1296 + 144 + (4 * 10)));
        });
    }

    private sealed record LayerWithoutHandler : Layer;

    [Test]
    public void A_layer_without_a_handler_is_an_error_naming_it_when_built_and_when_estimated()
    {
        IReadOnlyList<Layer> layers = [new Flatten(), new LayerWithoutHandler()];
        using var generator = new Generator(1);
        var build = Assert.Throws<NotSupportedException>(() => KerasModel.Build(layers, (1, 2, 2), generator));
        var estimate = Assert.Throws<NotSupportedException>(() => TimeEstimate.ForwardMultiplyAccumulates(layers, (1, 2, 2)));
        Assert.Multiple(() =>
        {
            Assert.That(build!.Message, Does.Contain("Layer LayerWithoutHandler has no handler").And.Contain("KerasLayerHandler<LayerWithoutHandler>"));
            Assert.That(estimate!.Message, Is.EqualTo(build.Message));
        });
    }
}
