using Repro.Reproduction.Store;

namespace Repro.Reproduction.Formats;

/// <summary>
/// The CIFAR-10 binary batch format: records of 1 label byte then 3,072 pixel bytes (red plane, green plane, blue
/// plane, each 32×32 row-major), so a record's pixel bytes already are C×H×W.
/// </summary>
public static class Cifar10Records
{
    public const int Side = 32;
    public const int Channels = 3;
    public const int PixelBytes = Channels * Side * Side;
    public const int RecordBytes = 1 + PixelBytes;

    /// <returns>Labels and the raw pixel bytes (record after record, label bytes removed).</returns>
    public static (byte[] Raw, byte[] Labels) Parse(byte[] batch, string path)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Length == 0 || batch.Length % RecordBytes != 0)
        {
            throw new DatasetException($"{path} is {batch.Length} bytes, not a whole number of {RecordBytes}-byte CIFAR-10 records.");
        }

        var count = batch.Length / RecordBytes;
        var labels = new byte[count];
        var raw = new byte[count * PixelBytes];
        for (var i = 0; i < count; i++)
        {
            labels[i] = batch[i * RecordBytes];
            if (labels[i] > 9)
            {
                throw new DatasetException($"{path} record {i} has label {labels[i]}; CIFAR-10 labels are 0..9.");
            }

            Array.Copy(batch, i * RecordBytes + 1, raw, i * PixelBytes, PixelBytes);
        }

        return (raw, labels);
    }

    /// <summary>
    /// NCHW bytes from records read as report 002 part B did: the 3,072 bytes reshaped as height×width×channel, so
    /// element [h, w, c] is raw[h·96 + w·3 + c]. Scrambles the image; kept because that is what the report trained on.
    /// </summary>
    public static byte[] FromHeightWidthChannel(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var output = new byte[raw.Length];
        for (var image = 0; image < raw.Length / PixelBytes; image++)
        {
            var source = raw.AsSpan(image * PixelBytes, PixelBytes);
            var target = output.AsSpan(image * PixelBytes, PixelBytes);
            for (var c = 0; c < Channels; c++)
            {
                for (var h = 0; h < Side; h++)
                {
                    for (var w = 0; w < Side; w++)
                    {
                        target[(c * Side + h) * Side + w] = source[h * Side * Channels + w * Channels + c];
                    }
                }
            }
        }

        return output;
    }
}
