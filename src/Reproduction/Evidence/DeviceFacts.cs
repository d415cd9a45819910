using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Runs;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Evidence;

/// <summary>
/// What this machine's numbers depend on, as `repro device` prints it: the device class; on a GPU its name, compute
/// capability, multiprocessors, memory and driver (from the CUDA driver), and the CUDA runtime and cuDNN that libtorch
/// loaded (from libtorch's configuration); libtorch's version; the determinism settings a run applies, read back from
/// libtorch after applying them; and the engine fingerprint (libtorch build, BLAS, CPU kernels, processor, threads).
/// </summary>
internal sealed record DeviceFacts(
    string DeviceClass,
    CudaDevice.Properties? Gpu,
    string? CudaRuntime,
    string? CuDnn,
    Determinism Determinism,
    string? CublasWorkspaceConfig,
    EngineFingerprint Engine)
{
    /// <summary>The facts of <paramref name="device"/> with a run's settings applied (TF32 off).</summary>
    public static DeviceFacts Of(ComputeDevice device)
    {
        device.Prepare(allowTf32: false);
        var config = build_config;
        return new DeviceFacts(device.DeviceClass, device.Device.type == DeviceType.CUDA ? CudaDevice.Read() : null,
            LibtorchConfig.CudaRuntime(config), LibtorchConfig.CuDnn(config), backends.determinism(),
            Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG"), EngineFingerprint.Current(device.DeviceClass));
    }

    public JsonObject ToJson() => new()
    {
        ["device_class"] = DeviceClass,
        ["gpu"] = Gpu is null ? null : new JsonObject
        {
            ["name"] = Gpu.Name,
            ["compute_capability"] = $"{Gpu.Major}.{Gpu.Minor}",
            ["multiprocessors"] = Gpu.Multiprocessors,
            ["memory_bytes"] = Gpu.MemoryBytes,
            ["driver"] = Gpu.DriverRelease,
            ["driver_cuda"] = Gpu.DriverCuda,
        },
        ["cuda_runtime"] = CudaRuntime,
        ["cudnn"] = CuDnn,
        ["libtorch"] = Engine.Libtorch,
        ["determinism"] = new JsonObject
        {
            ["cudnn_deterministic"] = Determinism.CudnnDeterministic,
            ["cudnn_benchmark"] = Determinism.CudnnBenchmark,
            ["deterministic_algorithms"] = Determinism.DeterministicAlgorithms,
            ["tf32_cublas"] = Determinism.AllowTf32CuBlas,
            ["tf32_cudnn"] = Determinism.AllowTf32CuDnn,
            ["cublas_workspace_config"] = CublasWorkspaceConfig,
        },
        ["engine"] = Engine.ToJson(),
    };

    /// <summary>"name: value" lines for a person; a CPU-only machine has no GPU, driver, CUDA runtime or cuDNN line.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string> { $"device class: {DeviceClass}" };
        if (Gpu is not null)
        {
            lines.Add($"gpu: {Gpu.Name}, compute capability {Gpu.Major}.{Gpu.Minor}, {Gpu.Multiprocessors} multiprocessors, {Gpu.MemoryBytes / 1073741824.0:F1} GiB");
            lines.Add($"driver: {Gpu.DriverRelease ?? "release unknown (no /proc/driver/nvidia/version)"}, CUDA {Gpu.DriverCuda} (cuDriverGetVersion)");
        }
        if (CudaRuntime is not null) lines.Add($"CUDA runtime: {CudaRuntime} (as libtorch loaded it)");
        if (CuDnn is not null) lines.Add($"cuDNN: {CuDnn} (as libtorch loaded it)");
        lines.Add($"libtorch: {Engine.Libtorch} (build {Engine.LibtorchBuild})");
        lines.Add($"cpu: {Engine.Processor}, kernels {Engine.CpuCapability}, BLAS {Engine.Blas}, {Engine.Threads.ToString(CultureInfo.InvariantCulture)} thread(s), kernel environment {Engine.KernelEnvironment}");
        lines.Add($"determinism: cuDNN deterministic {OnOff(Determinism.CudnnDeterministic)}, cuDNN benchmark {OnOff(Determinism.CudnnBenchmark)}, " +
                  $"deterministic algorithms {OnOff(Determinism.DeterministicAlgorithms)}, TF32 cuBLAS {OnOff(Determinism.AllowTf32CuBlas)}, TF32 cuDNN {OnOff(Determinism.AllowTf32CuDnn)}, " +
                  $"CUBLAS_WORKSPACE_CONFIG {CublasWorkspaceConfig ?? "unset"}");
        lines.Add($"engine: {Engine.Id} (platform {Engine.PlatformId}, device {Engine.Device})");
        return lines;
    }

    private static string OnOff(bool on) => on ? "on" : "off";
}
