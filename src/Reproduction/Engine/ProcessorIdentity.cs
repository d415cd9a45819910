using System.Runtime.InteropServices;

namespace Repro.Reproduction.Engine;

/// <summary>
/// The processor as the kernels see it: vendor, family and model (which oneDNN and OpenBLAS use to
/// pick their code paths, independently of ATen's capability), the vector extensions among which
/// they choose (a virtual machine may hide some of a model's), and the environment variables that
/// override those choices.
/// </summary>
internal static class ProcessorIdentity
{
    private const string CpuInfo = "/proc/cpuinfo";

    /// <summary>Extensions that change which float32 kernels run; their presence, not the full flag list, is what matters.</summary>
    private static readonly string[] VectorExtensions = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_bf16", "avx512_vnni", "amx_tile"];

    /// <summary>Variables read by oneDNN, OpenBLAS and OpenMP that change kernels or reduction splits.</summary>
    private static readonly string[] KernelVariables =
        ["ATEN_CPU_CAPABILITY", "DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"];

    public static string Describe()
    {
        if (FirstProcessor() is not { } fields) return RuntimeInformation.ProcessArchitecture.ToString();
        var flags = fields.GetValueOrDefault("flags", "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var vector = string.Join(' ', VectorExtensions.Where(flags.Contains));
        return $"{fields.GetValueOrDefault("vendor_id", "unknown vendor")} family {fields.GetValueOrDefault("cpu family", "?")} " +
               $"model {fields.GetValueOrDefault("model", "?")} ({vector})";
    }

    /// <summary>The marketing name ("AMD EPYC 9R14"), for readers; the fingerprint uses <see cref="Describe"/>.</summary>
    public static string ModelName() =>
        FirstProcessor()?.GetValueOrDefault("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    // The first processor's block of /proc/cpuinfo; every core of one machine reports the same model.
    private static Dictionary<string, string>? FirstProcessor() => !File.Exists(CpuInfo) ? null
        : File.ReadLines(CpuInfo).TakeWhile(line => line.Length > 0)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());

    public static string KernelEnvironment()
    {
        var set = KernelVariables.Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => !string.IsNullOrEmpty(v.value))
            .Select(v => $"{v.name}={v.value}");
        return string.Join(' ', set) is { Length: > 0 } text ? text : "none";
    }
}
