namespace Repro.Reproduction.Formats;

/// <summary>
/// ITU-R BT.601 luma, Y = 0.299 R + 0.587 G + 0.114 B, rounded to the nearest integer: the conversion OpenCV's
/// cvtColor(RGB2GRAY) and PIL's convert('L') perform. Computed in 16-bit fixed point exactly as PIL does, so the
/// result is reproducible to the byte.
/// </summary>
public static class Luma
{
    public static byte Bt601(byte red, byte green, byte blue) =>
        (byte)((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16);

    /// <summary>1×H×W grey images from 3×H×W (planar RGB) images.</summary>
    public static byte[] FromPlanarRgb(byte[] nchw, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(nchw);
        var plane = height * width;
        if (plane <= 0 || nchw.Length % (3 * plane) != 0)
        {
            throw new ArgumentException($"{nchw.Length} bytes are not whole 3×{height}×{width} images.", nameof(nchw));
        }

        var grey = new byte[nchw.Length / 3];
        for (var image = 0; image < grey.Length / plane; image++)
        {
            var rgb = image * 3 * plane;
            for (var p = 0; p < plane; p++)
            {
                grey[image * plane + p] = Bt601(nchw[rgb + p], nchw[rgb + plane + p], nchw[rgb + 2 * plane + p]);
            }
        }

        return grey;
    }
}
