namespace Repro.Reproduction.Formats;

/// <summary>An IDX image tensor: <see cref="Count"/> images of <see cref="Rows"/>×<see cref="Columns"/> bytes, row-major, image after image.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
