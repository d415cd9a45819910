using Repro.Experiments;
using Repro.Reproduction.Datasets;
using Repro.Reproduction.Store;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Inputs;

/// <summary>
/// Turns selected rows of a dataset into float NCHW tensors the way a DataSpec says: divided by the pixel scale,
/// resized as skimage does, and the grey channel repeated for RGB models.
/// </summary>
internal sealed class ExperimentImages
{
    private readonly ImageClassificationData _data;
    private readonly double _pixelScale;
    private readonly SkimageBilinearResize _resize;
    private readonly bool _greyToRgb;

    /// <exception cref="DatasetException">The DataSpec's transforms do not give images of <paramref name="inputShape"/>.</exception>
    public ExperimentImages(ImageClassificationData data, DataSpec spec, (int Channels, int Height, int Width) inputShape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.PixelScale <= 0 || !double.IsFinite(spec.PixelScale))
        {
            throw new DatasetException($"DataSpec for '{data.DatasetId}' has PixelScale {spec.PixelScale}; it must be a positive number (255 for \"/255\", 1 for unscaled pixels).");
        }

        if (spec.GreyToRgb && data.Channels != 1)
        {
            throw new DatasetException($"DataSpec for '{data.DatasetId}' sets GreyToRgb, but its images already have {data.Channels} channels; remove GreyToRgb.");
        }

        var size = spec.ResizeTo ?? (data.Height, data.Width);
        var produced = (Channels: spec.GreyToRgb ? 3 : data.Channels, size.Height, size.Width);
        if (produced != inputShape)
        {
            throw new DatasetException(ShapeMismatch(data, spec, produced, inputShape));
        }

        _data = data;
        _pixelScale = spec.PixelScale;
        _resize = new SkimageBilinearResize((data.Height, data.Width), size);
        _greyToRgb = spec.GreyToRgb;
    }

    public LabelledImages Build(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var channels = _data.Channels;
        var inputPlane = _data.Height * _data.Width;
        var outputPlane = _resize.OutputHeight * _resize.OutputWidth;
        var pixels = new float[rows.Length * channels * outputPlane];
        var labels = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var (image, label) = ExperimentRows.Row(_data, rows[i]);
            labels[i] = label;
            for (var channel = 0; channel < channels; channel++)
            {
                _resize.Resize(image.Span.Slice(channel * inputPlane, inputPlane), _pixelScale, pixels.AsSpan((i * channels + channel) * outputPlane, outputPlane));
            }
        }

        using var scope = NewDisposeScope();
        var images = tensor(pixels, rows.Length, channels, _resize.OutputHeight, _resize.OutputWidth);
        if (_greyToRgb)
        {
            // skimage's gray2rgb: three copies of the one channel. Copied from one grey array so that the managed
            // buffer stays a third of the RGB size (Fashion-MNIST at 32×32: 287 MB rather than 860 MB).
            images = images.index_select(1, tensor(new long[] { 0, 0, 0 }));
        }

        return new LabelledImages(images, tensor(labels));
    }

    private static string ShapeMismatch(ImageClassificationData data, DataSpec spec, (int, int, int) produced, (int Channels, int Height, int Width) wanted)
    {
        var missing = new List<string>();
        if (wanted.Channels == 3 && data.Channels == 1 && !spec.GreyToRgb)
        {
            missing.Add("GreyToRgb = true");
        }

        if ((wanted.Height, wanted.Width) != (spec.ResizeTo ?? (data.Height, data.Width)))
        {
            missing.Add($"ResizeTo = ({wanted.Height}, {wanted.Width})");
        }

        var fix = missing.Count > 0
            ? $"The DataSpec lacks {string.Join(" and ", missing)}."
            : "No DataSpec transform turns one into the other; correct the experiment's InputShape or its DataSpec.";
        return $"'{data.DatasetId}' has {Shape(data.Shape)} images, which the DataSpec turns into {Shape(produced)}, but the experiment's InputShape is {Shape(wanted)}. {fix}";
    }

    private static string Shape((int Channels, int Height, int Width) shape) => $"{shape.Channels}×{shape.Height}×{shape.Width}";
}
