using Repro.Experiments;

namespace Repro.Reproduction.Keras;

/// <summary>
/// The activation shape as the layers' handlers (Layers/KerasLayerHandler) move it through the model, so each layer gets its input size as Keras
/// infers it, and works out TensorFlow's padding (tensorflow/python/ops/nn_ops.py, and
/// keras/utils/conv_utils.py conv_output_length):
///   valid: out = ⌊(in − k)/s⌋ + 1;  same: out = ⌈in/s⌉, total pad = max((out − 1)·s + k − in, 0),
///   ⌊total/2⌋ before (top/left) and the rest after (bottom/right).
/// </summary>
public sealed class KerasShapeTracker((int Channels, int Height, int Width) input)
{
    public long Channels { get; private set; } = input.Channels;
    public long Height { get; private set; } = input.Height;
    public long Width { get; private set; } = input.Width;

    /// <summary>Features after Flatten, Dense or a global pooling; null while the activation is still a feature map.</summary>
    public long? Features { get; private set; }

    /// <summary>Channels of a map, or features of a vector: the axis batch normalisation normalises.</summary>
    public long Axis => Features ?? Channels;

    /// <summary>(left, right, top, bottom) padding for a window of <paramref name="k"/> and stride <paramref name="s"/> over the current map.</summary>
    public (long Left, long Right, long Top, long Bottom) Pads(int k, int s, Padding padding)
    {
        RequireMap();
        if (padding == Padding.Valid) return (0, 0, 0, 0);
        var (top, bottom, _) = Same(Height, k, s);
        var (left, right, _) = Same(Width, k, s);
        return (left, right, top, bottom);
    }

    /// <summary>The map after a window of <paramref name="k"/> and stride <paramref name="s"/> slides over it.</summary>
    public void Window(int k, int s, Padding padding)
    {
        RequireMap();
        (Height, Width) = padding == Padding.Valid
            ? ((Height - k) / s + 1, (Width - k) / s + 1)
            : (Same(Height, k, s).Output, Same(Width, k, s).Output);
    }

    public static (long Before, long After, long Output) Same(long size, int k, int s)
    {
        var output = (size + s - 1) / s;
        var total = Math.Max((output - 1) * s + k - size, 0);
        return (total / 2, total - total / 2, output);
    }

    public void Convolved(int filters) => Channels = filters;

    /// <summary>ZeroPadding2D(p): p rows and columns on every side.</summary>
    public void Pad(int p)
    {
        RequireMap();
        Height += 2 * p;
        Width += 2 * p;
    }

    public void Flatten()
    {
        RequireMap();
        ToFeatures(Channels * Height * Width);
    }

    /// <summary>The activation becomes a vector of <paramref name="features"/> (after Flatten, Dense or a global pooling).</summary>
    public void ToFeatures(long features) => Features = features;

    /// <summary>The features a Dense layer takes: there must be a vector, not a map.</summary>
    public long FeatureCount => Features ?? throw new NotSupportedException("Dense on a feature map needs a Flatten first in Repro.");

    public void Dense(int units)
    {
        _ = FeatureCount;
        ToFeatures(units);
    }

    /// <summary>An independent tracker at the same shape.</summary>
    public KerasShapeTracker Copy() => new(((int)Channels, (int)Height, (int)Width)) { Features = Features };

    private void RequireMap()
    {
        if (Features is not null) throw new NotSupportedException("Convolution and pooling need a feature map, not a flattened vector.");
    }
}
