using System.Text;
using Repro.Reproduction.Store;

namespace Repro.Reproduction.Formats;

/// <summary>
/// The UCI optdigits text format, shared by optdigits.tra/.tes and scikit-learn's digits.csv.gz: one image per line,
/// 64 comma-separated integers 0..16 (counts of set pixels in 4×4 blocks of a 32×32 bitmap, row-major 8×8) then
/// the class 0..9.
/// </summary>
public static class OptDigitsReader
{
    public const int Side = 8;
    public const int MaxValue = 16;

    /// <returns>Pixels (image after image, row-major 8×8) and labels, in file order.</returns>
    public static (byte[] Pixels, byte[] Labels) Parse(byte[] text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        var lineNumber = 0;
        foreach (var raw in Encoding.ASCII.GetString(text).Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != Side * Side + 1)
            {
                throw new DatasetException($"{path} line {lineNumber}: {fields.Length} values, expected {Side * Side} pixels and a class.");
            }

            for (var i = 0; i < fields.Length; i++)
            {
                var max = i < Side * Side ? MaxValue : 9;
                if (!int.TryParse(fields[i], out var value) || value < 0 || value > max)
                {
                    throw new DatasetException($"{path} line {lineNumber}: value {i + 1} is '{fields[i]}', expected an integer 0..{max}.");
                }

                (i < Side * Side ? pixels : labels).Add((byte)value);
            }
        }

        return (pixels.ToArray(), labels.ToArray());
    }
}
