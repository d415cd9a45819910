namespace Repro.Experiments;

/// <summary>Activation functions, named as Keras names them (keras/activations.py).</summary>
public enum Activation { Linear, Relu, Softmax, Tanh, Sigmoid }

/// <summary>
/// Keras padding modes: "valid" (none) and "same" (output size = ceil(input / stride)), where
/// TensorFlow puts the odd pixel of padding on the bottom/right.
/// </summary>
public enum Padding { Valid, Same }

/// <summary>
/// One layer of a Keras Sequential model, as the report wrote it (channels-last thinking, Keras
/// names and defaults). The reproduction layer turns these into libtorch modules with Keras's
/// initialisers; experiments never touch the engine.
/// </summary>
public abstract record Layer;

/// <summary>keras.layers.Conv2D with a square kernel and stride; regularisers default to none, as in Keras.</summary>
public sealed record Conv2D(int Filters, int KernelSize, Activation Activation, Padding Padding = Padding.Valid, int Stride = 1) : Layer
{
    /// <summary>False for a frozen layer (layer.trainable = False, as a transfer-learning backbone is).</summary>
    public bool Trainable { get; init; } = true;

    public Regularizer? KernelRegularizer { get; init; }
    public Regularizer? BiasRegularizer { get; init; }
    public Regularizer? ActivityRegularizer { get; init; }
}

/// <summary>keras.layers.MaxPooling2D: strides default to the pool size, padding to "valid" (floor).</summary>
public sealed record MaxPooling2D(int PoolSize, int? Strides = null, Padding Padding = Padding.Valid) : Layer;

/// <summary>
/// keras.layers.BatchNormalization over the channel axis (per channel after a convolution, per
/// feature after a Dense), with Keras's momentum 0.99 and epsilon 1e-3.
/// </summary>
public sealed record BatchNormalization(double Momentum = 0.99, double Epsilon = 1e-3) : Layer;

public sealed record Flatten : Layer;

/// <summary>keras.layers.Dense; regularisers default to none, as in Keras.</summary>
public sealed record Dense(int Units, Activation Activation) : Layer
{
    public Regularizer? KernelRegularizer { get; init; }
    public Regularizer? BiasRegularizer { get; init; }
    public Regularizer? ActivityRegularizer { get; init; }
}

public sealed record Dropout(double Rate) : Layer;

/// <summary>keras.layers.Activation: an activation applied as a layer of its own.</summary>
public sealed record ActivationLayer(Activation Activation) : Layer;

/// <summary>
/// keras.applications.ResNet50(include_top=False, pooling=None): the convolutional base (stem,
/// then bottleneck stacks of 3, 4, 6 and 3 blocks), frozen unless <paramref name="Trainable"/>.
/// It is built with Keras's initialisers; an experiment's PretrainedWeights then fill it from a Keras weight file.
/// </summary>
public sealed record ResNet50Base(bool Trainable = false) : Layer;
