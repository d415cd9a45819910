using Repro.Experiments;
using Repro.Reproduction.Keras.Layers;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// A Keras Sequential model rebuilt on libtorch: the same layers and shapes, Keras's initialisers
/// (glorot-uniform kernels, zero biases; batch normalisation γ 1, β 0, moving mean 0, moving
/// variance 1) instead of PyTorch's, and the final activation kept apart so the loss can be
/// computed from logits as TensorFlow's Keras does. Regularisers are kept with the model so the
/// loss can include them the way Keras adds them (<see cref="RegularizationLoss"/>, <see cref="Forward"/>).
/// </summary>
public sealed class KerasModel : IDisposable
{
    private readonly IReadOnlyList<KerasActivityTap> activityTaps;

    private KerasModel(Sequential network, Activation outputActivation, IReadOnlyList<KerasRegularizedWeight> regularizedWeights, IReadOnlyList<KerasActivityTap> activityTaps,
        IReadOnlyList<KerasNamedLayer> namedLayers)
    {
        Network = network;
        OutputActivation = outputActivation;
        RegularizedWeights = regularizedWeights;
        this.activityTaps = activityTaps;
        NamedLayers = namedLayers;
    }

    /// <summary>The network as one libtorch module: every layer in order, with the last layer's activation left out, so it maps inputs to logits.</summary>
    public Sequential Network { get; }

    /// <summary>The activation of the last layer, applied by <see cref="Predict"/> and accounted for by the loss.</summary>
    public Activation OutputActivation { get; }

    /// <summary>Kernels and biases that carry a kernel_regularizer or bias_regularizer.</summary>
    public IReadOnlyList<KerasRegularizedWeight> RegularizedWeights { get; }

    /// <summary>
    /// The convolutions and batch normalisations under the names a Keras weight file gives them: a Conv2D layer as
    /// keras.applications' VGG16 names its convolutions (block b, counting the max-poolings before it, conv i within
    /// the block), a BatchNormalization layer by Keras's default name (batch_normalization, batch_normalization_1, …),
    /// a ResNet50 base as keras.applications' ResNet50 names its layers.
    /// </summary>
    public IReadOnlyList<KerasNamedLayer> NamedLayers { get; }

    /// <summary>Keras's "Total params": trainable weights plus batch normalisation's moving statistics.</summary>
    public long ParameterCount => Network.parameters().Sum(p => p.numel());

    /// <summary>The longest dot product in a forward pass: the largest number of inputs one output unit of a weight sums over (a kernel's in-channels × height × width, a dense layer's inputs).</summary>
    public long LargestFanIn => Network.parameters().Where(p => p.shape.Length >= 2).Max(p => p.numel() / p.shape[0]);

    /// <summary>Keras's "Trainable params".</summary>
    public long TrainableParameterCount => TrainableParameters.Sum(p => p.numel());

    /// <summary>The weights an optimizer updates (batch normalisation's moving statistics excluded).</summary>
    public IEnumerable<nn.Parameter> TrainableParameters => Network.parameters().Where(p => p.requires_grad);

    /// <summary>Class probabilities (or whatever the output activation gives).</summary>
    public Tensor Predict(Tensor input) => KerasActivation.Apply(Network.call(input), OutputActivation);

    /// <summary>
    /// The logits and the sum of the activity regularisers' penalties, as <paramref name="keras"/> adds them to the loss:
    /// Keras 2 divides each layer's penalty by the batch size (keras/engine/base_layer.py, _handle_activity_regularization:
    /// mean_activity_loss = activity_loss / batch_size); Keras 3 adds it as the regulariser returns it, a sum over the batch
    /// (keras/src/layers/layer.py, Layer.__call__: add_loss(activity_regularizer(output))).
    /// The penalty of the last layer is taken on its activated output, as Keras's layer output is.
    /// </summary>
    public (Tensor Logits, Tensor ActivityPenalty) Forward(Tensor input, KerasGeneration keras)
    {
        var x = input;
        var penalty = zeros([], input.dtype);
        var layers = Network.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].call(x);
            foreach (var tap in activityTaps)
            {
                if (tap.ModuleIndex != i) continue;
                var output = tap.IsModelOutput ? KerasActivation.Apply(x, OutputActivation) : x;
                var layerPenalty = KerasRegularization.Penalty(output, tap.Regularizer);
                penalty = penalty + (keras == KerasGeneration.TfKeras2 ? layerPenalty / x.size(0) : layerPenalty);
            }
        }
        return (x, penalty);
    }

    /// <summary>
    /// The kernel and bias regularisers' penalties summed, as Keras adds each layer's weight
    /// regularisation losses to the loss (keras/engine/base_layer.py add_loss of the regulariser
    /// on each weight; keras/engine/compile_utils.py LossesContainer adds tf.add_n of them).
    /// </summary>
    public Tensor RegularizationLoss()
    {
        var total = zeros([]);
        foreach (var (weight, regularizer) in RegularizedWeights)
            total = total + KerasRegularization.Penalty(weight, regularizer);
        return total;
    }

    /// <summary>True when the loss needs <see cref="Forward"/>'s activity penalty or <see cref="RegularizationLoss"/>.</summary>
    public bool IsRegularized => RegularizedWeights.Count > 0 || activityTaps.Count > 0;

    /// <summary>The layers' modules, each built by its <see cref="KerasLayerHandler"/> in layer order, so the initialisation is drawn in that order.</summary>
    /// <param name="dropout">The generator of the dropout masks (CPU); null draws them from libtorch's global generator.</param>
    public static KerasModel Build(IReadOnlyList<Layer> layers, (int Channels, int Height, int Width) input, Generator initialisation, Generator? dropout = null)
    {
        var model = new KerasModelBuilder(input, initialisation, dropout);
        for (var i = 0; i < layers.Count; i++)
        {
            var handler = KerasLayerHandlers.For(layers[i]);
            model.IsLast = i == layers.Count - 1;
            handler.Build(layers[i], model);
            handler.Follow(layers[i], model.Shape);
        }
        var outputActivation = KerasLayerHandlers.For(layers[^1]).OutputActivation(layers[^1]);
        return new KerasModel(nn.Sequential(model.Modules.ToArray()), outputActivation, model.RegularizedWeights, model.ActivityTaps, model.NamedLayers);
    }

    public void Dispose() => Network.Dispose();
}
