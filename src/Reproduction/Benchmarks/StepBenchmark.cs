using System.Diagnostics;
using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Training;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// Training steps per second of an experiment's model on random images, timed after a warm-up,
/// with the process's resident memory sampled before and after the timed steps.
/// </summary>
public static class StepBenchmark
{
    public sealed record Measurement(double StepsPerSecond, int Steps, double Seconds, double ResidentMegabytesBefore, double ResidentMegabytesAfter);

    /// <param name="sample">Called with (steps done, resident MiB) every <paramref name="sampleEvery"/> timed steps, when given.</param>
    public static Measurement Run(IReadOnlyList<Layer> layers, (int Channels, int Height, int Width) input, TrainingSpec spec, int steps, int warmUp,
        int sampleEvery = 0, Action<int, double>? sample = null)
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(layers, input, generator);
        using var optimizer = KerasTraining.Optimizer(spec.Optimizer, model);
        var (c, h, w) = input;
        using var images = empty([2048, c, h, w]).uniform_(0, 1, generator);
        using var labels = tensor(Enumerable.Range(0, 2048).Select(i => (long)(i % 10)).ToArray());
        model.Network.train();

        void Step()
        {
            using var scope = NewDisposeScope();
            var index = randperm(2048, generator).narrow(0, 0, spec.BatchSize);
            TrainingStep.Run(model, optimizer, spec, images.index_select(0, index), labels.index_select(0, index));
        }

        for (var i = 0; i < warmUp; i++) Step();
        var before = ResidentMegabytes();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= steps; i++)
        {
            Step();
            if (sampleEvery > 0 && i % sampleEvery == 0) sample?.Invoke(i, ResidentMegabytes());
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(steps / seconds, steps, seconds, before, ResidentMegabytes());
    }

    /// <summary>
    /// VmRSS from /proc (Linux), after a full collection and a trim of the C heap, so only live memory counts: the
    /// native shim lets glibc keep up to 256 MiB of freed blocks on the heap (it saves page faults in every step),
    /// which would otherwise show as resident and move by whole blocks from one sample to the next.
    /// </summary>
    public static double ResidentMegabytes()
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
