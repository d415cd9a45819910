using System.Runtime.InteropServices;
using System.Text;

namespace Repro.Reproduction.Engine;

/// <summary>
/// The GPU a CUDA run computes on: its name, compute capability, multiprocessors and memory, and the
/// driver, read through the CUDA driver API (libcuda.so.1, installed with the NVIDIA driver), whose
/// entry points used here have kept their ABI since CUDA 4, so no CUDA headers or runtime version
/// are needed. Two GPUs of another architecture run other kernels and give other bits.
/// </summary>
internal static class CudaDevice
{
    private const string Driver = "libcuda.so.1";
    private const int MultiprocessorCount = 16;
    private const int ComputeCapabilityMajor = 75;
    private const int ComputeCapabilityMinor = 76;

    /// <param name="Name">The marketing name the driver gives ("NVIDIA H200").</param>
    /// <param name="Major">Compute capability, major (9 on Hopper).</param>
    /// <param name="Minor">Compute capability, minor.</param>
    /// <param name="Multiprocessors">Streaming multiprocessors: cuBLAS picks its kernels and splits with this count too.</param>
    /// <param name="MemoryBytes">The GPU's memory.</param>
    /// <param name="DriverCudaVersion">cuDriverGetVersion: the newest CUDA version the driver supports, as 1000·major + 10·minor.</param>
    /// <param name="DriverRelease">The kernel module's release ("570.124.06", from /proc/driver/nvidia/version), or null where that file is absent.</param>
    public sealed record Properties(string Name, int Major, int Minor, int Multiprocessors, long MemoryBytes, int DriverCudaVersion, string? DriverRelease)
    {
        /// <summary>"NVIDIA H200 sm_90", as the engine fingerprint names the device.</summary>
        public string Describe() => $"{Name} sm_{Major}{Minor}";

        /// <summary>"13.0" from 13000, as CUDA writes its versions.</summary>
        public string DriverCuda => $"{DriverCudaVersion / 1000}.{DriverCudaVersion % 1000 / 10}";
    }

    /// <summary>The first GPU's properties, or null where no driver or GPU answers.</summary>
    public static Properties? Read()
    {
        try
        {
            if (cuInit(0) != 0 || cuDeviceGet(out var device, 0) != 0) return null;
            var name = new byte[256];
            if (cuDeviceGetName(name, name.Length, device) != 0
                || cuDeviceGetAttribute(out var major, ComputeCapabilityMajor, device) != 0
                || cuDeviceGetAttribute(out var minor, ComputeCapabilityMinor, device) != 0
                || cuDeviceGetAttribute(out var multiprocessors, MultiprocessorCount, device) != 0
                || cuDeviceTotalMem(out var memory, device) != 0
                || cuDriverGetVersion(out var driver) != 0)
            {
                return null;
            }

            return new Properties(Encoding.ASCII.GetString(name).TrimEnd('\0'), major, minor, multiprocessors, (long)memory, driver, DriverRelease());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The first GPU's name and compute capability, or null where no driver or GPU answers.</summary>
    public static string? Describe() => Read()?.Describe();

    /// <summary>
    /// Bytes in use on the GPU of this thread's CUDA context (total − free, every process's allocations and
    /// libtorch's cached blocks included), or null before libtorch has put a context on this thread, or
    /// without a driver. Cheap: one driver call.
    /// </summary>
    public static long? MemoryInUse()
    {
        try
        {
            return cuMemGetInfo(out var free, out var total) == 0 ? (long)(total - free) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.124.06  Wed Feb 26 ..." – the release is the first dotted number.
    private static string? DriverRelease()
    {
        const string version = "/proc/driver/nvidia/version";
        if (!File.Exists(version)) return null;
        var line = File.ReadLines(version).FirstOrDefault() ?? "";
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Length > 2 && char.IsDigit(w[0]) && w.Contains('.'));
    }

    [DllImport(Driver)]
    private static extern int cuInit(uint flags);

    [DllImport(Driver)]
    private static extern int cuDriverGetVersion(out int version);

    [DllImport(Driver)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Driver)]
    private static extern int cuDeviceGetName(byte[] name, int length, int device);

    [DllImport(Driver)]
    private static extern int cuDeviceGetAttribute(out int value, int attribute, int device);

    // cuda.h maps these names onto their _v2 entry points (64-bit sizes) since CUDA 3.2.
    [DllImport(Driver, EntryPoint = "cuDeviceTotalMem_v2")]
    private static extern int cuDeviceTotalMem(out nuint bytes, int device);

    [DllImport(Driver, EntryPoint = "cuMemGetInfo_v2")]
    private static extern int cuMemGetInfo(out nuint free, out nuint total);
}
