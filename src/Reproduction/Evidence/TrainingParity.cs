using Repro.Experiments;
using Repro.Reproduction.Benchmarks;
using Repro.Reproduction.Keras;
using Repro.Reproduction.Training;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Evidence;

/// <summary>
/// The same training steps on two devices: one model, initialised once on the CPU from a seed, copied to both; the same
/// batches (random images drawn once on the CPU and copied, rows chosen on the CPU); the same dropout masks (each side's
/// dropout draws from its own CPU generator of one seed, and libtorch copies a CPU-drawn mask to the device), so every
/// layer, dropout included, trains as in a run; and the training step a run takes (<see cref="TrainingStep"/>: Keras's
/// loss with every penalty, the case's Keras optimizer). What can differ is only how each device's kernels round.
/// </summary>
public static class TrainingParity
{
    /// <summary>What two devices computed differently.</summary>
    /// <param name="Lockstep">
    /// Each step from the same state (the other side takes the reference's parameters, buffers and optimizer state before
    /// every step): the losses, and the state after each step (<see cref="UpdateDifference"/>): only that step's rounding
    /// differs. Null when not asked for.
    /// </param>
    /// <param name="FreeLosses">Both sides training freely: the loss of every step.</param>
    /// <param name="FreeState">Both sides training freely: every parameter and buffer after the last step.</param>
    public sealed record Outcome(int Steps, (Difference Losses, UpdateDifference Updates)? Lockstep, Difference FreeLosses, Difference FreeState);

    /// <summary>
    /// Trains <paramref name="steps"/> steps of <paramref name="case"/> on <paramref name="reference"/> and, side by side, on
    /// <paramref name="other"/> freely and, with <paramref name="lockstep"/>, on <paramref name="other"/> again from the
    /// reference's state at every step.
    /// </summary>
    public static Outcome Run(BenchmarkCase @case, Device reference, Device other, int steps, ulong seed, bool lockstep)
    {
        var seeds = new SeedStreams(seed);
        Dictionary<string, float[]> initial;
        using (var initialisation = new Generator(seeds.Initialisation))
        using (var model = KerasModel.Build(@case.Layers, @case.Input, initialisation))
            initial = model.Network.state_dict();
        using var shuffling = new Generator(seeds.Shuffling);
        using var data = RandomBatches.Draw(@case.Input, shuffling);
        using var leader = new Trainer(@case, initial, data, seeds.Dropout, reference);
        using var free = new Trainer(@case, initial, data, seeds.Dropout, other);
        using var follower = lockstep ? new Trainer(@case, initial, data, seeds.Dropout, other) : null;
        var (leaderLosses, freeLosses, followerLosses) = (new List<double>(), new List<double>(), new List<double>());
        var updates = UpdateDifference.None;
        IReadOnlyDictionary<string, float[]> before = initial;
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            var rows = RandomBatches.Choose(@case.Training.BatchSize, shuffling);
            if (step > 1) follower?.Follow(before, leader);
            leaderLosses.Add(leader.Step(rows));
            freeLosses.Add(free.Step(rows));
            var after = leader.State;
            if (follower is not null)
            {
                followerLosses.Add(follower.Step(rows));
                updates = updates.Max(UpdateDifference.Of(before, after, follower.State, step));
            }
            before = after;
        }

        static string Step(int i) => $"step {i + 1}";
        return new Outcome(steps, follower is null ? null : (Difference.Between(leaderLosses, followerLosses, Step), updates),
            Difference.Between(leaderLosses, freeLosses, Step), Difference.Between(before, free.State));
    }

    /// <summary>One side: a model of the case on a device, its optimizer, the batches on that device and its dropout stream.</summary>
    internal sealed class Trainer : IDisposable
    {
        private readonly TrainingSpec spec;
        private readonly Generator dropout;
        private readonly KerasModel model;
        private readonly optim.Optimizer optimizer;
        private readonly RandomBatches data;

        public Trainer(BenchmarkCase @case, IReadOnlyDictionary<string, float[]> initial, RandomBatches hostData, ulong dropoutSeed, Device device)
        {
            spec = @case.Training;
            dropout = new Generator(dropoutSeed);
            // The initialisation generator only builds the layers; their values are replaced by the shared initial state.
            using (var unused = new Generator(0)) model = KerasModel.Build(@case.Layers, @case.Input, unused, dropout);
            model.Network.load_state_dict(initial);
            model.Network.to(device);
            optimizer = KerasTraining.Optimizer(@case.Training.Optimizer, model);
            data = hostData.To(device);
            model.Network.train();
        }

        public IReadOnlyDictionary<string, float[]> State => model.Network.state_dict();

        public double Step(Tensor rows)
        {
            var (images, labels) = data.Select(rows);
            return TrainingStep.Run(model, optimizer, spec, images, labels).Loss;
        }

        /// <summary>Takes <paramref name="leader"/>'s parameters and buffers (<paramref name="state"/>) and optimizer state; its dropout stream is the same already.</summary>
        public void Follow(IReadOnlyDictionary<string, float[]> state, Trainer leader)
        {
            model.Network.load_state_dict(state);
            optimizer.load_state_dict(leader.optimizer.state_dict());
        }

        public void Dispose()
        {
            optimizer.Dispose();
            model.Dispose();
            data.Dispose();
            dropout.Dispose();
        }
    }
}
