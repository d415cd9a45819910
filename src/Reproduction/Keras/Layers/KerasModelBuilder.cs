using Repro.Experiments;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras.Layers;

/// <summary>
/// A <see cref="KerasModel"/> under construction, as the layer handlers see it: the shape so far, the modules, the
/// regularised weights, the activity taps and the Keras names added so far, and the generators to draw from.
/// </summary>
public sealed class KerasModelBuilder((int Channels, int Height, int Width) input, Generator initialisation, Generator? dropout)
{
    private int block = 1, convolutionInBlock, normalisations;

    /// <summary>The input shape of the layer being built.</summary>
    public KerasShapeTracker Shape { get; } = new(input);

    /// <summary>The generator of Keras's initialisers (drawn from in module order).</summary>
    public Generator Initialisation { get; } = initialisation;

    /// <summary>The generator of the dropout masks (CPU); null draws them from libtorch's global generator.</summary>
    public Generator? Dropout { get; } = dropout;

    /// <summary>True while the model's last layer is built: its activation is left to <see cref="KerasModel.OutputActivation"/>.</summary>
    public bool IsLast { get; internal set; }

    public List<nn.Module<Tensor, Tensor>> Modules { get; } = [];

    public List<KerasRegularizedWeight> RegularizedWeights { get; } = [];

    public List<KerasActivityTap> ActivityTaps { get; } = [];

    public List<KerasNamedLayer> NamedLayers { get; } = [];

    public void Regularize(nn.Parameter? weight, Regularizer? regularizer)
    {
        if (weight is not null && regularizer is not null) RegularizedWeights.Add(new KerasRegularizedWeight(weight, regularizer));
    }

    /// <summary>The activation as a module of its own, unless it is the model's output activation or linear.</summary>
    public void Activate(Activation activation)
    {
        if (!IsLast && activation != Activation.Linear) Modules.Add(new KerasActivation(activation));
    }

    /// <summary>An activity regulariser on the last module added (the layer's output).</summary>
    public void TapActivity(Regularizer? regularizer)
    {
        if (regularizer is not null) ActivityTaps.Add(new KerasActivityTap(Modules.Count - 1, regularizer, IsLast));
    }

    /// <summary>A convolution's name as keras.applications' VGG16 names it: block b (counting the max-poolings before it), conv i within the block.</summary>
    public string NextConvolutionName() => $"block{block}_conv{++convolutionInBlock}";

    /// <summary>A max-pooling closes a VGG block.</summary>
    public void EndBlock() => (block, convolutionInBlock) = (block + 1, 0);

    /// <summary>Keras's default name of a BatchNormalization layer: batch_normalization, batch_normalization_1, …</summary>
    public string NextBatchNormalizationName() => normalisations++ == 0 ? "batch_normalization" : $"batch_normalization_{normalisations - 1}";

    /// <summary>
    /// layer.trainable = False: its weights stay fixed and count as non-trainable, and its batch normalisations run
    /// in inference mode, as TensorFlow 2's Keras runs a non-trainable BatchNormalization (see <see cref="KerasBatchNorm.Trainable"/>).
    /// </summary>
    public static void Freeze(nn.Module module)
    {
        foreach (var parameter in module.parameters()) parameter.requires_grad = false;
        if (module is KerasBatchNorm norm) norm.Trainable = false;
        foreach (var (_, child) in module.named_children()) Freeze(child);
    }

    /// <summary>Keras's defaults: a glorot-uniform kernel and a zero bias.</summary>
    public void GlorotUniform(Tensor kernel, Tensor? bias)
    {
        nn.init.xavier_uniform_(kernel, generator: Initialisation);
        if (bias is not null) nn.init.zeros_(bias);
    }
}
