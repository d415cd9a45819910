using Repro.Experiments;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Follows the activation shape through the layers, so each layer gets its input size as Keras
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

    /// <summary>Features after Flatten or Dense; null while the activation is still a feature map.</summary>
    public long? Features { get; private set; }

    /// <summary>Channels of a map, or features of a vector: the axis batch normalisation normalises.</summary>
    public long Axis => Features ?? Channels;

    /// <summary>(left, right, top, bottom) padding for a window of <paramref name="k"/> and stride <paramref name="s"/>; updates the shape.</summary>
    public (long Left, long Right, long Top, long Bottom) Window(int k, int s, Padding padding)
    {
        RequireMap();
        if (padding == Padding.Valid)
        {
            Height = (Height - k) / s + 1;
            Width = (Width - k) / s + 1;
            return (0, 0, 0, 0);
        }
        var (top, bottom, outHeight) = Same(Height, k, s);
        var (left, right, outWidth) = Same(Width, k, s);
        (Height, Width) = (outHeight, outWidth);
        return (left, right, top, bottom);
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
        Features = Channels * Height * Width;
    }

    public void Dense(int units)
    {
        if (Features is null) throw new NotSupportedException("Dense on a feature map needs a Flatten first in Repro.");
        Features = units;
    }

    private void RequireMap()
    {
        if (Features is not null) throw new NotSupportedException("Convolution and pooling need a feature map, not a flattened vector.");
    }
}
