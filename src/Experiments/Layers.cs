namespace Repro.Experiments;

/// <summary>Activation functions, named as Keras names them.</summary>
public enum Activation { Linear, Relu, Softmax }

/// <summary>Keras padding modes: "valid" (none) and "same" (output size = input size / stride).</summary>
public enum Padding { Valid, Same }

/// <summary>
/// One layer of a Keras Sequential model, as the report wrote it (channels-last thinking, Keras
/// names and defaults). The reproduction layer turns these into libtorch modules with Keras's
/// initialisers; experiments never touch the engine.
/// </summary>
public abstract record Layer;

public sealed record Conv2D(int Filters, int KernelSize, Activation Activation, Padding Padding = Padding.Valid, int Stride = 1) : Layer;

public sealed record MaxPooling2D(int PoolSize) : Layer;

public sealed record Flatten : Layer;

public sealed record Dense(int Units, Activation Activation) : Layer;

public sealed record Dropout(double Rate) : Layer;
