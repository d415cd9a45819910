using System.Diagnostics;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// This machine's float32 ceiling as libtorch reaches it: a 2048×2048 matrix product through the BLAS
/// it loaded, at the current thread count, best of five after a warm-up. A training step cannot do
/// its arithmetic faster, so the steps' GFLOP/s are given as a fraction of this.
/// </summary>
public static class PeakThroughput
{
    private const int Size = 2048;

    public static double GigaflopsPerSecond()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var a = empty([Size, Size]).uniform_(-1, 1, generator);
        var b = empty([Size, Size]).uniform_(-1, 1, generator);
        a.matmul(b).Dispose();
        var best = double.PositiveInfinity;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * Size * Size * Size / best / 1e9;
    }
}
