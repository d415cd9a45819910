using Repro.Experiments;
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

    private KerasModel(Sequential logits, Activation outputActivation, IReadOnlyList<KerasRegularizedWeight> regularizedWeights, IReadOnlyList<KerasActivityTap> activityTaps)
    {
        Logits = logits;
        OutputActivation = outputActivation;
        RegularizedWeights = regularizedWeights;
        this.activityTaps = activityTaps;
    }

    /// <summary>Every layer, with the last layer's activation left out.</summary>
    public Sequential Logits { get; }

    /// <summary>The activation of the last layer, applied by <see cref="Predict"/> and accounted for by the loss.</summary>
    public Activation OutputActivation { get; }

    /// <summary>Kernels and biases that carry a kernel_regularizer or bias_regularizer.</summary>
    public IReadOnlyList<KerasRegularizedWeight> RegularizedWeights { get; }

    /// <summary>Keras's "Total params": trainable weights plus batch normalisation's moving statistics.</summary>
    public long ParameterCount => Logits.parameters().Sum(p => p.numel());

    /// <summary>The longest dot product in a forward pass: the largest number of inputs one output unit of a weight sums over (a kernel's in-channels × height × width, a dense layer's inputs).</summary>
    public long LargestFanIn => Logits.parameters().Where(p => p.shape.Length >= 2).Max(p => p.numel() / p.shape[0]);

    /// <summary>Keras's "Trainable params".</summary>
    public long TrainableParameterCount => TrainableParameters.Sum(p => p.numel());

    /// <summary>The weights an optimizer updates (batch normalisation's moving statistics excluded).</summary>
    public IEnumerable<nn.Parameter> TrainableParameters => Logits.parameters().Where(p => p.requires_grad);

    /// <summary>Class probabilities (or whatever the output activation gives).</summary>
    public Tensor Predict(Tensor input) => KerasActivation.Apply(Logits.call(input), OutputActivation);

    /// <summary>
    /// The logits and the sum of the activity regularisers' penalties. Keras 2 divides each
    /// layer's activity penalty by the batch size before adding it to the loss
    /// (keras/engine/base_layer.py, _handle_activity_regularization: mean_activity_loss = activity_loss / batch_size).
    /// The penalty of the last layer is taken on its activated output, as Keras's layer output is.
    /// </summary>
    public (Tensor Logits, Tensor ActivityPenalty) Forward(Tensor input)
    {
        var x = input;
        var penalty = zeros([], input.dtype);
        var layers = Logits.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].call(x);
            foreach (var tap in activityTaps)
            {
                if (tap.ModuleIndex != i) continue;
                var output = tap.IsModelOutput ? KerasActivation.Apply(x, OutputActivation) : x;
                penalty = penalty + KerasRegularization.Penalty(output, tap.Regularizer) / x.size(0);
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

    /// <param name="dropout">The generator of the dropout masks (CPU); null draws them from libtorch's global generator.</param>
    public static KerasModel Build(IReadOnlyList<Layer> layers, (int Channels, int Height, int Width) input, Generator initialisation, Generator? dropout = null)
    {
        var shape = new KerasShapeTracker(input);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var weights = new List<KerasRegularizedWeight>();
        var taps = new List<KerasActivityTap>();

        void Regularize(nn.Parameter? weight, Regularizer? regularizer)
        {
            if (weight is not null && regularizer is not null) weights.Add(new KerasRegularizedWeight(weight, regularizer));
        }

        for (var i = 0; i < layers.Count; i++)
        {
            var isLast = i == layers.Count - 1;
            switch (layers[i])
            {
                case Conv2D conv:
                    var inChannels = shape.Channels;
                    var (left, right, top, bottom) = shape.Window(conv.KernelSize, conv.Stride, conv.Padding);
                    shape.Convolved(conv.Filters);
                    // libtorch pads symmetrically; TensorFlow's odd extra pixel needs an explicit pad.
                    var symmetric = left == right && top == bottom && left == top;
                    if (!symmetric) modules.Add(new KerasPad(left, right, top, bottom));
                    var c = nn.Conv2d(inChannels, conv.Filters, conv.KernelSize, conv.Stride, symmetric ? left : 0);
                    GlorotUniform(c.weight, c.bias, initialisation);
                    if (!conv.Trainable) Freeze(c);
                    modules.Add(c);
                    Regularize(c.weight, conv.KernelRegularizer);
                    Regularize(c.bias, conv.BiasRegularizer);
                    if (!isLast && conv.Activation != Activation.Linear) modules.Add(new KerasActivation(conv.Activation));
                    if (conv.ActivityRegularizer is { } convActivity) taps.Add(new KerasActivityTap(modules.Count - 1, convActivity, isLast));
                    break;
                case MaxPooling2D pool:
                    var stride = pool.Strides ?? pool.PoolSize;
                    var pads = shape.Window(pool.PoolSize, stride, pool.Padding);
                    if (pads != (0, 0, 0, 0)) modules.Add(new KerasPad(pads.Left, pads.Right, pads.Top, pads.Bottom, double.NegativeInfinity));
                    modules.Add(nn.MaxPool2d(pool.PoolSize, stride));
                    break;
                case BatchNormalization norm:
                    modules.Add(new KerasBatchNorm(shape.Axis, norm.Momentum, norm.Epsilon));
                    break;
                case Experiments.Flatten:
                    modules.Add(nn.Flatten());
                    shape.Flatten();
                    break;
                case Dense dense:
                    var d = nn.Linear(shape.Features ?? 0, dense.Units);
                    shape.Dense(dense.Units);
                    GlorotUniform(d.weight, d.bias, initialisation);
                    modules.Add(d);
                    Regularize(d.weight, dense.KernelRegularizer);
                    Regularize(d.bias, dense.BiasRegularizer);
                    if (!isLast && dense.Activation != Activation.Linear) modules.Add(new KerasActivation(dense.Activation));
                    if (dense.ActivityRegularizer is { } denseActivity) taps.Add(new KerasActivityTap(modules.Count - 1, denseActivity, isLast));
                    break;
                case Experiments.Dropout dropoutLayer:
                    modules.Add(nn.Dropout(dropoutLayer.Rate, dropout));
                    break;
                case ResNet50Base resnet:
                    var backbone = KerasResNet50.Build(shape, initialisation);
                    if (!resnet.Trainable) Freeze(backbone);
                    modules.Add(backbone);
                    break;
                case ActivationLayer activation:
                    if (!isLast && activation.Activation != Activation.Linear) modules.Add(new KerasActivation(activation.Activation));
                    break;
                default:
                    throw new NotSupportedException($"Layer {layers[i]} has no libtorch counterpart in Repro yet.");
            }
        }
        var outputActivation = layers[^1] switch
        {
            Conv2D conv => conv.Activation,
            Dense dense => dense.Activation,
            ActivationLayer activation => activation.Activation,
            _ => Activation.Linear,
        };
        return new KerasModel(nn.Sequential(modules.ToArray()), outputActivation, weights, taps);
    }

    /// <summary>layer.trainable = False: its weights stay fixed and count as non-trainable.</summary>
    private static void Freeze(nn.Module module)
    {
        foreach (var parameter in module.parameters()) parameter.requires_grad = false;
    }

    private static void GlorotUniform(Tensor kernel, Tensor? bias, Generator generator)
    {
        nn.init.xavier_uniform_(kernel, generator: generator);
        if (bias is not null) nn.init.zeros_(bias);
    }

    public void Dispose() => Logits.Dispose();
}
