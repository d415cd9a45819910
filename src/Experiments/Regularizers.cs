namespace Repro.Experiments;

/// <summary>Keras's regulariser constructors with Keras's defaults (keras/regularizers.py: L1, L2, L1L2).</summary>
public static class Regularizers
{
    /// <summary>keras.regularizers.L1(l1=0.01).</summary>
    public static Regularizer L1(double l1 = 0.01) => new(l1, 0);

    /// <summary>keras.regularizers.L2(l2=0.01).</summary>
    public static Regularizer L2(double l2 = 0.01) => new(0, l2);

    /// <summary>keras.regularizers.L1L2(l1=0.0, l2=0.0).</summary>
    public static Regularizer L1L2(double l1 = 0.0, double l2 = 0.0) => new(l1, l2);
}
