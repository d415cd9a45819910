using Repro.Reproduction.Inputs;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// What the step benchmarks and the parity check train on: 2,048 images of uniform noise in [0, 1) with the labels 0–9 in
/// turn, drawn on the CPU from a seeded generator and kept on the training's device, and batches of rows chosen by random
/// permutations on the CPU, so every device trains on the same values. What the images show changes neither a step's
/// cost nor its arithmetic.
/// </summary>
public sealed class RandomBatches : IDisposable
{
    private const int Rows = 2048;
    private readonly LabelledImages data;

    private RandomBatches(LabelledImages data) => this.data = data;

    /// <summary>Draws the images from <paramref name="generator"/>, on the CPU.</summary>
    public static RandomBatches Draw((int Channels, int Height, int Width) input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (c, h, w) = input;
        return new RandomBatches(new LabelledImages(empty([Rows, c, h, w]).uniform_(0, 1, generator), tensor(Enumerable.Range(0, Rows).Select(i => (long)(i % 10)).ToArray())));
    }

    /// <summary>The same images and labels on <paramref name="device"/> (sharing memory when they are there already).</summary>
    public RandomBatches To(Device device) => new(data.To(device));

    /// <summary>The rows of one batch (CPU, Int64): the first <paramref name="size"/> of a random permutation.</summary>
    public static Tensor Choose(int size, Generator generator) => randperm(Rows, generator).narrow(0, 0, size);

    /// <summary>The batch of the rows in <paramref name="rows"/>, on this set's device.</summary>
    public (Tensor Images, Tensor Labels) Select(Tensor rows)
    {
        using var index = rows.to(data.Images.device);
        return (data.Images.index_select(0, index), data.Labels.index_select(0, index));
    }

    public void Dispose() => data.Dispose();
}
