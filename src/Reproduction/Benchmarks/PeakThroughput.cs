using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// The device's float32 ceiling as libtorch reaches it: a square matrix product (through the BLAS libtorch loaded at the
/// current thread count on the CPU, through cuBLAS with TF32 off on a GPU), best of five after a warm-up, each timed to
/// its end on the device. A training step cannot do its arithmetic faster, so the steps' GFLOP/s are given as a fraction of this.
/// </summary>
public static class PeakThroughput
{
    /// <summary>2048 on the CPU; 8192 on a GPU, where a 2048 product takes a fraction of a millisecond and launching and synchronising would count.</summary>
    public static int Size(Device device) => device.type == DeviceType.CUDA ? 8192 : 2048;

    public static double GigaflopsPerSecond(DeviceClock clock)
    {
        var size = Size(clock.Device);
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var a = empty([size, size]).uniform_(-1, 1, generator).to(clock.Device);
        var b = empty([size, size]).uniform_(-1, 1, generator).to(clock.Device);
        a.matmul(b).Dispose();
        var best = double.PositiveInfinity;
        for (var i = 0; i < 5; i++)
        {
            var watch = clock.Start();
            a.matmul(b).Dispose();
            best = Math.Min(best, clock.Seconds(watch));
        }
        return 2.0 * size * size * size / best / 1e9;
    }
}
