using System.Security.Cryptography;
using System.Text;

namespace Repro.Reproduction.Engine;

/// <summary>
/// Reads at::show_config(): its "CPU capability usage" line reports the kernel set chosen at run
/// time (ATEN_CPU_CAPABILITY lowers it), the rest describes how libtorch was built. A CUDA libtorch
/// that sees a GPU adds the CUDA runtime and cuDNN it loaded, as those libraries report their own
/// versions at run time (CUDAHooks::showConfig: cudaRuntimeGetVersion, cudnnGetVersion).
/// </summary>
internal static class LibtorchConfig
{
    private const string CapabilityLine = "CPU capability usage:";

    /// <summary>DEFAULT, AVX2, AVX512, …: ATen's names for its kernel sets (libtorch 1.13 prints DEFAULT as "NO AVX").</summary>
    public static string CpuCapability(string buildConfig) => Value(buildConfig, CapabilityLine) switch
    {
        null => "unknown (libtorch does not report it)",
        "NO AVX" => "DEFAULT",
        var named => named,
    };

    /// <summary>The CUDA runtime libtorch loaded ("13.0"), or null where it reports none (a CPU build, or no GPU visible).</summary>
    public static string? CudaRuntime(string buildConfig) => Value(buildConfig, "CUDA Runtime ");

    /// <summary>The cuDNN libtorch loaded ("9.10.2", with the CUDA it was built against where that differs), or null where it reports none.</summary>
    public static string? CuDnn(string buildConfig) => Value(buildConfig, "CuDNN ");

    /// <summary>The build without the capability line, hashed: the same libtorch gives the same hash whatever kernels it picks.</summary>
    public static string BuildHash(string buildConfig)
    {
        var build = string.Join('\n', buildConfig.Split('\n').Where(l => !l.Contains(CapabilityLine, StringComparison.Ordinal)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(build)))[..16];
    }

    // The rest of the "  - <label>…" line, trimmed; "Built with CUDA Runtime" lines start otherwise and are not taken.
    private static string? Value(string buildConfig, string label) =>
        buildConfig.Split('\n').Select(l => l.Trim().TrimStart('-').Trim())
            .FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal))?[label.Length..].Trim();
}
