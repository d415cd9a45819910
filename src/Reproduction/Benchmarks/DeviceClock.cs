using System.Diagnostics;
using Repro.Reproduction.Engine;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// Time and memory as a benchmark reads them on its device. CUDA runs kernels asynchronously, so there the clock is read
/// only after the GPU has finished what was queued (torch.cuda.synchronize), and memory is the GPU's memory in use
/// (libtorch's cached blocks included, read from the driver); on the CPU, memory is the process's resident memory.
/// </summary>
public sealed class DeviceClock
{
    private readonly bool gpuMemory;

    public DeviceClock(Device device)
    {
        Device = device;
        if (device.type != DeviceType.CUDA) return;
        // The driver reports memory for the context libtorch makes current on this thread with its first CUDA tensor.
        using var probe = zeros([1]);
        using (probe.to(device)) synchronize();
        gpuMemory = CudaDevice.MemoryInUse() is not null;
    }

    public Device Device { get; }

    /// <summary>What <see cref="Memory"/> reads, for column headings.</summary>
    public string MemoryName => gpuMemory ? "GPU MiB in use" : "resident MiB";

    /// <summary>A stopwatch started once everything queued so far has run.</summary>
    public Stopwatch Start()
    {
        synchronize();
        return Stopwatch.StartNew();
    }

    /// <summary>The seconds since <paramref name="watch"/> started, once everything queued since has run.</summary>
    public double Seconds(Stopwatch watch)
    {
        synchronize();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>MiB: GPU memory in use on CUDA where the driver reports it, else the process's resident memory.</summary>
    public double Memory() => gpuMemory && CudaDevice.MemoryInUse() is { } bytes ? bytes / 1048576.0 : ResidentMegabytes();

    private void synchronize()
    {
        if (Device.type == DeviceType.CUDA) cuda.synchronize();
    }

    /// <summary>
    /// VmRSS from /proc (Linux), after a full collection and a trim of the C heap, so only live memory counts: the
    /// native shim lets glibc keep up to 256 MiB of freed blocks on the heap (it saves page faults in every step),
    /// which would otherwise show as resident and move by whole blocks from one sample to the next.
    /// </summary>
    private static double ResidentMegabytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        malloc_trim(0);
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return double.NaN;
        var line = File.ReadLines(status).First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int malloc_trim(nuint pad);
}
