using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// A layer of a built model that a Keras weight file can fill, under the name Keras gives it: a convolution
/// (kernel, bias) or a batch normalisation (gamma, beta, moving_mean, moving_variance).
/// </summary>
public sealed record KerasNamedLayer(string Name, nn.Module Module)
{
    /// <summary>Its weights in Keras's order, with the shape Keras stores each in.</summary>
    public IReadOnlyList<KerasWeightSlot> Slots => Module switch
    {
        Conv2d conv => [KerasWeightSlot.Kernel(conv.weight), KerasWeightSlot.Vector("bias", conv.bias!, "b")],
        KerasBatchNorm norm =>
        [
            KerasWeightSlot.Vector("gamma", norm.gamma), KerasWeightSlot.Vector("beta", norm.beta),
            KerasWeightSlot.Vector("moving_mean", norm.moving_mean), KerasWeightSlot.Vector("moving_variance", norm.moving_variance),
        ],
        _ => throw new NotSupportedException($"{Name}: {Module.GetType().Name} takes no Keras weights."),
    };
}

/// <summary>
/// One weight of a <see cref="KerasNamedLayer"/>: its role (the last part of its Keras name), the older names Keras 1
/// files use for it, Repro's tensor and the shape Keras stores it in.
/// </summary>
public sealed record KerasWeightSlot(string Role, IReadOnlyList<string> Aliases, nn.Parameter Target, long[] KerasShape)
{
    /// <summary>A convolution kernel: Keras stores (kh, kw, in, out), libtorch holds (out, in, kh, kw). "W" in Keras 1 files.</summary>
    public static KerasWeightSlot Kernel(nn.Parameter weight)
    {
        var s = weight.shape;
        return new KerasWeightSlot("kernel", ["W"], weight, [s[2], s[3], s[1], s[0]]);
    }

    public static KerasWeightSlot Vector(string role, nn.Parameter target, params string[] aliases) => new(role, aliases, target, target.shape);

    public bool Accepts(string role) => role == Role || Aliases.Contains(role);

    /// <summary>Keras's row-major values in Repro's layout: HWIO kernels to OIHW, vectors as they are.</summary>
    public float[] ToRepro(float[] keras)
    {
        if (KerasShape.Length != 4) return keras;
        var (kh, kw, cin, cout) = ((int)KerasShape[0], (int)KerasShape[1], (int)KerasShape[2], (int)KerasShape[3]);
        var result = new float[keras.Length];
        for (var h = 0; h < kh; h++)
        for (var w = 0; w < kw; w++)
        for (var i = 0; i < cin; i++)
        for (var o = 0; o < cout; o++)
            result[((o * cin + i) * kh + h) * kw + w] = keras[((h * kw + w) * cin + i) * cout + o];
        return result;
    }
}
