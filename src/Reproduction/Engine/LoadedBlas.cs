using System.Diagnostics;
using System.Security.Cryptography;

namespace Repro.Reproduction.Engine;

/// <summary>
/// The BLAS library this process actually loaded. Debian's libtorch links libblas.so.3, which the
/// alternatives system points at the reference BLAS or at OpenBLAS; both give other bits (and
/// speeds), so the name in the link is not enough: the real file is read from /proc/self/maps,
/// and named by the package that owns it (dpkg) and a hash of its bytes.
/// </summary>
internal static class LoadedBlas
{
    private static readonly Lazy<string> Description = new(Probe);

    public static string Describe() => Description.Value;

    private static string Probe()
    {
        var path = LoadedLibraries.Find(IsBlas);
        if (path is null) return "none found among the loaded libraries";
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..12];
        return $"{OwningPackage(path) ?? path} sha256:{hash}";
    }

    private static bool IsBlas(string name) => name.StartsWith("libblas.so", StringComparison.Ordinal)
               || name.StartsWith("libopenblas", StringComparison.Ordinal)
               || name.StartsWith("libmkl_rt", StringComparison.Ordinal)
               || name.StartsWith("libblis", StringComparison.Ordinal);

    /// <summary>"libopenblas0-openmp 0.3.21+ds-4", or null where dpkg does not own the file.</summary>
    private static string? OwningPackage(string path)
    {
        var owner = Dpkg("-S", path)?.Split(':', 2)[0];
        if (string.IsNullOrEmpty(owner)) return null;
        var version = Dpkg("-W", "-f=${Version}", owner);
        return string.IsNullOrEmpty(version) ? owner : $"{owner} {version}";
    }

    private static string? Dpkg(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("dpkg-query") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Split('\n')[0] : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
