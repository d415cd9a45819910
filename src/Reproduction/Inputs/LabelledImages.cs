using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// Images (float, N×C×H×W, already scaled) and integer labels, held in native memory for the
/// whole run; batches are index selections, never copies through managed arrays.
/// </summary>
public sealed class LabelledImages : IDisposable
{
    public LabelledImages(Tensor images, Tensor labels)
    {
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public long Count => Labels.shape[0];

    /// <summary>Pixels stored as bytes (row-major, one channel) divided by <paramref name="scale"/>.</summary>
    public static LabelledImages FromBytes(byte[] pixels, byte[] labels, (int Channels, int Height, int Width) shape, double scale)
    {
        using var scope = NewDisposeScope();
        var images = tensor(pixels, labels.Length, shape.Channels, shape.Height, shape.Width).to_type(ScalarType.Float32) / scale;
        var targets = tensor(labels).to_type(ScalarType.Int64);
        return new LabelledImages(images, targets);
    }

    /// <summary>Rows [start, start+count), sharing memory with this set.</summary>
    public LabelledImages Slice(long start, long count) => new(Images.narrow(0, start, count), Labels.narrow(0, start, count));

    /// <summary>The given rows, in the given order (a copy): a fold of a k-fold split.</summary>
    public LabelledImages Select(IReadOnlyList<int> rows)
    {
        using var scope = NewDisposeScope();
        var index = tensor(rows.Select(r => (long)r).ToArray()).to(Images.device);
        return new LabelledImages(Images.index_select(0, index), Labels.index_select(0, index));
    }

    /// <summary>These images and labels on <paramref name="device"/> (shared when they are already there).</summary>
    public LabelledImages To(Device device)
    {
        using var scope = NewDisposeScope();
        return new LabelledImages(Images.to(device), Labels.to(device));
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
