namespace Repro.Torch;

/// <summary>Element types, numbered as c10::ScalarType (and TorchSharp's ScalarType) number them.</summary>
public enum ScalarType
{
    Byte = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}

internal static class ScalarTypes
{
    internal static ScalarType Of<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(byte) => ScalarType.Byte,
        var t when t == typeof(sbyte) => ScalarType.Int8,
        var t when t == typeof(short) => ScalarType.Int16,
        var t when t == typeof(int) => ScalarType.Int32,
        var t when t == typeof(long) => ScalarType.Int64,
        var t when t == typeof(float) => ScalarType.Float32,
        var t when t == typeof(double) => ScalarType.Float64,
        var t when t == typeof(bool) => ScalarType.Bool,
        _ => throw new ArgumentException($"{typeof(T).Name} has no libtorch element type"),
    };
}
