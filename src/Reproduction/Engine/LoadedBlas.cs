using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Repro.Reproduction.Engine;

/// <summary>
/// The BLAS library that serves libtorch's matrix products. Debian's libtorch links libblas.so.3,
/// which the alternatives system points at the reference BLAS or at OpenBLAS (LD_PRELOAD or
/// LD_LIBRARY_PATH can put another in front); they give other bits and speeds, so the name in the
/// link is not enough. The file is found by asking the dynamic linker where libtorch's sgemm_
/// resolves to (several BLAS may be mapped: OpenBLAS's LAPACK pulls in libopenblas even when the
/// reference BLAS serves sgemm_), and named by the package that owns it (dpkg) and a hash of its bytes.
/// </summary>
internal static class LoadedBlas
{
    private const int RtldLazy = 0x1;
    private const int RtldNoLoad = 0x4;

    private static readonly Lazy<string> Description = new(Probe);

    public static string Describe() => Description.Value;

    private static string Probe()
    {
        var path = SgemmProvider() ?? LoadedLibraries.Find(IsBlas);
        if (path is null) return "none found among the loaded libraries";
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..12];
        return $"{OwningPackage(path) ?? path} sha256:{hash}";
    }

    private static bool IsBlas(string name) => name.StartsWith("libblas.so", StringComparison.Ordinal)
               || name.StartsWith("libopenblas", StringComparison.Ordinal)
               || name.StartsWith("libmkl_rt", StringComparison.Ordinal)
               || name.StartsWith("libblis", StringComparison.Ordinal);

    /// <summary>The real path of the library whose sgemm_ libtorch binds to, or null where that cannot be asked.</summary>
    private static string? SgemmProvider()
    {
        var torch = LoadedLibraries.Find(name => name.StartsWith("libtorch_cpu.so", StringComparison.Ordinal));
        if (torch is null) return null;
        try
        {
            var handle = dlopen(torch, RtldLazy | RtldNoLoad);
            if (handle == IntPtr.Zero) return null;
            try
            {
                var sgemm = dlsym(handle, "sgemm_");
                if (sgemm == IntPtr.Zero || dladdr(sgemm, out var info) == 0 || info.FileName == IntPtr.Zero) return null;
                var file = Marshal.PtrToStringUTF8(info.FileName);
                return file is null ? null : new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
            }
            finally
            {
                dlclose(handle);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public IntPtr FileName;
        public IntPtr FileBase;
        public IntPtr SymbolName;
        public IntPtr SymbolAddress;
    }

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen(string file, int mode);

    [DllImport("libc", EntryPoint = "dlsym")]
    private static extern IntPtr dlsym(IntPtr handle, string symbol);

    [DllImport("libc", EntryPoint = "dladdr")]
    private static extern int dladdr(IntPtr address, out DlInfo info);

    [DllImport("libc", EntryPoint = "dlclose")]
    private static extern int dlclose(IntPtr handle);

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
