namespace Repro.Torch;

public enum DeviceType { CPU = 0, CUDA = 1 }

/// <summary>Where a tensor lives, as TorchSharp's torch.Device: a type and an index (-1: the current one).</summary>
public sealed record Device(DeviceType type, int index = -1)
{
    public static Device Parse(string description)
    {
        var parts = description.Split(':', 2);
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"Unknown device '{description}'; use cpu, cuda or cuda:N."),
        };
        return parts.Length == 1 ? new Device(type)
            : int.TryParse(parts[1], out var index) && index >= 0 ? new Device(type, index)
            : throw new ArgumentException($"Device index in '{description}' must be a non-negative integer.");
    }

    public override string ToString() => (type == DeviceType.CPU ? "cpu" : "cuda") + (index >= 0 ? $":{index}" : "");
}

/// <summary>The state of libtorch's reproducibility switches (see torch.backends.configure_determinism).</summary>
public sealed record Determinism(bool CudnnDeterministic, bool CudnnBenchmark, bool DeterministicAlgorithms, bool AllowTf32CuBlas, bool AllowTf32CuDnn);
