namespace Repro.Reproduction.Formats;

/// <summary>How a CIFAR-10 record's 3,072 pixel bytes are turned into an image.</summary>
public enum Cifar10Layout
{
    /// <summary>As published: a 1,024-byte red plane, then green, then blue, each row-major 32×32. Correct.</summary>
    Planar,

    /// <summary>
    /// Report 002 part B as run: the 3,072 bytes reshaped as height×width×channel, so element [h, w, c] is
    /// raw[h·96 + w·3 + c]. Scrambles the image; kept because that is what the report trained on.
    /// </summary>
    AsRunHeightWidthChannel,
}
