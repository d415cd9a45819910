using System.Diagnostics;
using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Training;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// Training steps per second of an experiment's model on random images resident on the device, timed after a warm-up,
/// with a memory reading (<see cref="DeviceClock"/>) before and after the timed steps.
/// </summary>
public static class StepBenchmark
{
    public sealed record Measurement(double StepsPerSecond, int Steps, double Seconds, double MemoryBefore, double MemoryAfter);

    /// <param name="sample">Called with (steps done, memory) every <paramref name="sampleEvery"/> timed steps, when given.</param>
    public static Measurement Run(IReadOnlyList<Layer> layers, (int Channels, int Height, int Width) input, TrainingSpec spec, DeviceClock clock, int steps, int warmUp,
        int sampleEvery = 0, Action<int, double>? sample = null)
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(layers, input, generator);
        // Initialised on the CPU and moved, as a training does.
        model.Network.to(clock.Device);
        using var optimizer = KerasTraining.Optimizer(spec.Optimizer, model);
        using var host = RandomBatches.Draw(input, generator);
        using var data = host.To(clock.Device);
        model.Network.train();

        void Step()
        {
            using var scope = NewDisposeScope();
            var (images, labels) = data.Select(RandomBatches.Choose(spec.BatchSize, generator));
            TrainingStep.Run(model, optimizer, spec, images, labels);
        }

        for (var i = 0; i < warmUp; i++) Step();
        var before = clock.Memory();
        var watch = clock.Start();
        for (var i = 1; i <= steps; i++)
        {
            Step();
            if (sampleEvery > 0 && i % sampleEvery == 0) sample?.Invoke(i, clock.Memory());
        }
        var seconds = clock.Seconds(watch);
        return new Measurement(steps / seconds, steps, seconds, before, clock.Memory());
    }
}
