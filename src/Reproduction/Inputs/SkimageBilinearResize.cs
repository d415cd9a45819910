using Repro.Reproduction.Store;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// skimage.transform.resize(image, (H, W)) with its defaults, for enlarging (or keeping) an image plane: order=1
/// (bilinear) and mode='reflect', which skimage hands to scipy.ndimage.zoom(grid_mode=True) as ndimage's 'mirror'.
/// Output pixel d samples the source at (d + 0.5)·in/out − 0.5; a coordinate before the first pixel centre is
/// mirrored about it (−0.25 reads as 0.25), one after the last is mirrored about that.
/// </summary>
/// <remarks>
/// numpy's 'reflect' (d c b | a b c d) is ndimage's 'mirror', not ndimage's 'reflect' (a | a b c d): so the border
/// pixels of an enlarged image blend with their inner neighbours instead of repeating the edge. When shrinking,
/// skimage first smooths with a Gaussian (anti_aliasing defaults to true then), which is not implemented here.
/// </remarks>
internal sealed class SkimageBilinearResize
{
    private readonly Sample[] _rows;
    private readonly Sample[] _columns;
    private readonly int _inputWidth;

    public SkimageBilinearResize((int Height, int Width) input, (int Height, int Width) output)
    {
        if (output.Height < input.Height || output.Width < input.Width)
        {
            throw new DatasetException(
                $"Resizing {input.Height}×{input.Width} images to {output.Height}×{output.Width} would shrink them; skimage anti-aliases when shrinking, which Repro does not implement. Use a ResizeTo at least as large as the images.");
        }

        _rows = Axis(input.Height, output.Height);
        _columns = Axis(input.Width, output.Width);
        _inputWidth = input.Width;
    }

    public int OutputHeight => _rows.Length;

    public int OutputWidth => _columns.Length;

    /// <summary>Resizes one row-major plane of bytes, dividing every value by <paramref name="scale"/>.</summary>
    public void Resize(ReadOnlySpan<byte> plane, double scale, Span<float> destination)
    {
        for (var r = 0; r < _rows.Length; r++)
        {
            var (top, bottom, down) = _rows[r];
            for (var c = 0; c < _columns.Length; c++)
            {
                var (left, right, across) = _columns[c];
                var upper = Lerp(plane[top * _inputWidth + left], plane[top * _inputWidth + right], across);
                var lower = Lerp(plane[bottom * _inputWidth + left], plane[bottom * _inputWidth + right], across);
                destination[r * _columns.Length + c] = (float)(Lerp(upper, lower, down) / scale);
            }
        }
    }

    /// <summary>For each output index along one axis: the two source indices and the weight of the second.</summary>
    internal static Sample[] Axis(int input, int output)
    {
        var samples = new Sample[output];
        for (var d = 0; d < output; d++)
        {
            var x = input == 1 ? 0 : MirrorInside((d + 0.5) * input / output - 0.5, input - 1);
            var low = (int)Math.Floor(x);
            samples[d] = new Sample(low, Math.Min(low + 1, input - 1), x - low);
        }

        return samples;
    }

    // Enlarging keeps every coordinate within half a pixel of [0, last], so one mirroring suffices.
    private static double MirrorInside(double x, int last) => x < 0 ? -x : x > last ? 2 * last - x : x;

    private static double Lerp(double a, double b, double weight) => a + (b - a) * weight;

    internal readonly record struct Sample(int Low, int High, double Weight);
}
