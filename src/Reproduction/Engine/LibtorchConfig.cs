using System.Security.Cryptography;
using System.Text;

namespace Repro.Reproduction.Engine;

/// <summary>
/// Reads at::show_config(): its "CPU capability usage" line reports the kernel set chosen at run
/// time (ATEN_CPU_CAPABILITY lowers it), the rest describes how libtorch was built.
/// </summary>
internal static class LibtorchConfig
{
    private const string CapabilityLine = "CPU capability usage:";

    /// <summary>DEFAULT, AVX2, AVX512, …: ATen's names for its kernel sets (libtorch 1.13 prints DEFAULT as "NO AVX").</summary>
    public static string CpuCapability(string buildConfig) =>
        buildConfig.Split('\n').Select(l => l.Trim().TrimStart('-').Trim())
            .FirstOrDefault(l => l.StartsWith(CapabilityLine, StringComparison.Ordinal))?[CapabilityLine.Length..].Trim() switch
        {
            null => "unknown (libtorch does not report it)",
            "NO AVX" => "DEFAULT",
            var named => named,
        };

    /// <summary>The build without the capability line, hashed: the same libtorch gives the same hash whatever kernels it picks.</summary>
    public static string BuildHash(string buildConfig)
    {
        var build = string.Join('\n', buildConfig.Split('\n').Where(l => !l.Contains(CapabilityLine, StringComparison.Ordinal)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(build)))[..16];
    }
}
