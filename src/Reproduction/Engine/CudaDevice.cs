using System.Runtime.InteropServices;
using System.Text;

namespace Repro.Reproduction.Engine;

/// <summary>
/// The GPU a CUDA run computes on: its name and compute capability ("NVIDIA H200 sm_90"), read
/// through the CUDA driver API (libcuda.so.1, installed with the NVIDIA driver), whose entry points
/// used here have kept their ABI since CUDA 2, so no CUDA headers or runtime version are needed.
/// Two GPUs of another architecture run other kernels and give other bits.
/// </summary>
internal static class CudaDevice
{
    private const string Driver = "libcuda.so.1";
    private const int ComputeCapabilityMajor = 75;
    private const int ComputeCapabilityMinor = 76;

    /// <summary>The first GPU's name and compute capability, or null where no driver or GPU answers.</summary>
    public static string? Describe()
    {
        try
        {
            if (cuInit(0) != 0 || cuDeviceGet(out var device, 0) != 0) return null;
            var name = new byte[256];
            if (cuDeviceGetName(name, name.Length, device) != 0
                || cuDeviceGetAttribute(out var major, ComputeCapabilityMajor, device) != 0
                || cuDeviceGetAttribute(out var minor, ComputeCapabilityMinor, device) != 0)
            {
                return null;
            }

            return $"{Encoding.ASCII.GetString(name).TrimEnd('\0')} sm_{major}{minor}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport(Driver)]
    private static extern int cuInit(uint flags);

    [DllImport(Driver)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Driver)]
    private static extern int cuDeviceGetName(byte[] name, int length, int device);

    [DllImport(Driver)]
    private static extern int cuDeviceGetAttribute(out int value, int attribute, int device);
}
