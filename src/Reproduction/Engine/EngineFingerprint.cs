using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Engine;

/// <summary>
/// Everything besides the experiment that decides the bits of a number: the libtorch build, the
/// BLAS library actually loaded, the CPU kernels in effect, the processor, the thread count, the
/// device, and Repro's own training code. Two runs with equal fingerprints give bit-identical
/// numbers; the <see cref="Id"/> is part of every run key, result manifest and baseline, so a
/// cached or committed number is never taken for one another engine would make.
/// </summary>
/// <param name="Libtorch">libtorch's version (TORCH_VERSION).</param>
/// <param name="LibtorchBuild">Hash of libtorch's build configuration (compiler, flags, backends), without the runtime CPU capability line.</param>
/// <param name="Blas">The BLAS library loaded into this process: its package and version where a package manager owns it, and a hash of the file.</param>
/// <param name="CpuCapability">The vectorised kernel set ATen dispatches to (DEFAULT, AVX2, AVX512), which ATEN_CPU_CAPABILITY can lower.</param>
/// <param name="Processor">Vendor, family, model and the vector extensions the kernels choose between.</param>
/// <param name="KernelEnvironment">Environment variables that steer kernel choice (oneDNN ISA, OpenBLAS core type, …), where set.</param>
/// <param name="Threads">libtorch's intra-op threads: reductions split differently with another count.</param>
/// <param name="Device">The device class, and on CUDA the GPU's name and compute capability ("cuda NVIDIA H200 sm_90").</param>
/// <param name="Tf32">Whether TF32 was allowed on CUDA.</param>
/// <param name="Code">Hash of Repro's built assemblies and native shim.</param>
public sealed record EngineFingerprint(
    string Libtorch,
    string LibtorchBuild,
    string Blas,
    string CpuCapability,
    string Processor,
    string KernelEnvironment,
    int Threads,
    string Device,
    bool Tf32,
    string Code)
{
    /// <summary>The fingerprint of this process, for the given device class.</summary>
    public static EngineFingerprint Current(string device, bool allowTf32 = false) => new(
        __version__,
        LibtorchConfig.BuildHash(build_config),
        LoadedBlas.Describe(),
        LibtorchConfig.CpuCapability(build_config),
        ProcessorIdentity.Describe(),
        ProcessorIdentity.KernelEnvironment(),
        get_num_threads(),
        device == "cpu" ? device : $"{device} {CudaDevice.Describe() ?? "(the CUDA driver does not name the GPU)"}",
        allowTf32,
        CodeHash.Current);

    /// <summary>
    /// The device class whose results and baselines these numbers belong to: the first word of <see cref="Device"/>, which
    /// <see cref="Current"/> writes as the class it was given (then, on a GPU, the GPU's name and compute capability).
    /// </summary>
    public string DeviceClass => Device.Split(' ', 2)[0];

    /// <summary>The first 16 hex digits of the SHA-256 of the canonical JSON: equal ids, equal engines. Part of every run key.</summary>
    public string Id => Hash(Fields());

    /// <summary>
    /// The id of everything but Repro's own code: the platform a number was computed on. The gate
    /// compares platforms, not ids: Repro's code is what the gate tests, so a change to it must be
    /// judged exactly on the baseline's platform (any change of bits fails), whereas the run cache
    /// must never reuse a number that other code made.
    /// </summary>
    public string PlatformId
    {
        get
        {
            var fields = Fields();
            fields.Remove("code");
            return Hash(fields);
        }
    }

    /// <summary>The fields and the id, as results and baselines record them.</summary>
    public JsonObject ToJson()
    {
        var json = Fields();
        json["id"] = Id;
        return json;
    }

    /// <summary>Reads a fingerprint written by <see cref="ToJson"/>; null when a field is missing or the id does not match them.</summary>
    public static EngineFingerprint? FromJson(JsonNode? node)
    {
        if (node is not JsonObject json) return null;
        try
        {
            var fingerprint = new EngineFingerprint(
                Text(json, "libtorch"), Text(json, "libtorch_build"), Text(json, "blas"), Text(json, "cpu_capability"),
                Text(json, "processor"), Text(json, "kernel_environment"), json["threads"]!.GetValue<int>(), Text(json, "device"),
                json["tf32"]!.GetValue<bool>(), Text(json, "code"));
            return json["id"]?.GetValue<string>() == fingerprint.Id ? fingerprint : null;
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>"blas: A → B" for every field that differs, so a message says why two engines are not the same.</summary>
    public IReadOnlyList<string> Differences(EngineFingerprint other)
    {
        var mine = Fields();
        var theirs = other.Fields();
        return mine.Select(p => p.Key)
            .Where(key => mine[key]!.ToJsonString() != theirs[key]!.ToJsonString())
            .Select(key => $"{key}: {mine[key]!.ToJsonString()} → {theirs[key]!.ToJsonString()}")
            .ToList();
    }

    private JsonObject Fields() => new()
    {
        ["blas"] = Blas,
        ["code"] = Code,
        ["cpu_capability"] = CpuCapability,
        ["device"] = Device,
        ["kernel_environment"] = KernelEnvironment,
        ["libtorch"] = Libtorch,
        ["libtorch_build"] = LibtorchBuild,
        ["processor"] = Processor,
        ["tf32"] = Tf32,
        ["threads"] = Threads,
    };

    // The fields are written in a fixed order, so their compact JSON is canonical.
    private static string Hash(JsonObject fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields.ToJsonString())))[..16];

    private static string Text(JsonObject json, string key) => json[key]!.GetValue<string>();
}
