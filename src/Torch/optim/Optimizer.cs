using Repro.Torch.Modules;

namespace Repro.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// Base of the optimizers: holds the parameters and their per-parameter state tensors,
        /// which live outside every dispose scope until the optimizer is disposed.
        /// </summary>
        public abstract class Optimizer : IDisposable
        {
            private readonly List<Tensor> state = [];
            private readonly long[] parameterSteps;

            protected Optimizer(IEnumerable<nn.Parameter> parameters, double lr)
            {
                Parameters = parameters.ToArray();
                LearningRate = lr;
                parameterSteps = new long[Parameters.Count];
            }

            public IReadOnlyList<nn.Parameter> Parameters { get; }

            /// <summary>The rate of the coming step; with a <see cref="Schedule"/>, set from it at the start of each step.</summary>
            public double LearningRate { get; set; }

            /// <summary>
            /// The learning rate as a function of the steps already taken, evaluated at the start of every step
            /// (as Keras evaluates a LearningRateSchedule at optimizer.iterations); null keeps <see cref="LearningRate"/> constant.
            /// </summary>
            public Func<long, double>? Schedule { get; set; }

            /// <summary>Number of completed steps.</summary>
            public long StepCount { get; private set; }

            /// <summary>The per-parameter state tensors, one array per kind (Adam: m, v), each indexed like <see cref="Parameters"/>.</summary>
            protected virtual IReadOnlyList<Tensor?[]> StateSlots =>
                throw new NotSupportedException($"{GetType().Name} does not expose its state, so it cannot be saved or restored.");

            /// <summary>State kept in fields rather than tensors; an optimizer that has any overrides both accessors.</summary>
            protected virtual double[] ScalarState
            {
                get => [];
                set { if (value.Length != 0) throw new ArgumentException($"{GetType().Name} keeps no scalar state, but {value.Length} values were given."); }
            }

            /// <summary>A copy of the optimizer's whole state (see <see cref="OptimizerState"/>).</summary>
            public OptimizerState state_dict() => new(StepCount, parameterSteps.ToArray(),
                StateSlots.Select(slot => slot.Select(t => t?.data<float>()).ToArray()).ToArray(), ScalarState);

            /// <summary>Replaces the optimizer's state with <paramref name="saved"/>, from an optimizer of the same kind over parameters of the same shapes.</summary>
            public void load_state_dict(OptimizerState saved)
            {
                var slots = StateSlots;
                if (saved.Slots.Length != slots.Count || saved.ParameterSteps.Length != Parameters.Count || saved.Slots.Any(s => s.Length != Parameters.Count))
                    throw new ArgumentException($"load_state_dict: the state is of another optimizer ({saved.Slots.Length} slots over {saved.ParameterSteps.Length} parameters; this one has {slots.Count} over {Parameters.Count}).");
                for (var k = 0; k < slots.Count; k++)
                for (var i = 0; i < Parameters.Count; i++)
                {
                    // The state it replaces is freed now, so restoring again and again does not hold every earlier copy.
                    if (slots[k][i] is { } replaced)
                    {
                        state.Remove(replaced);
                        replaced.Dispose();
                    }

                    slots[k][i] = saved.Slots[k][i] is { } values ? Restored(values, Parameters[i]) : null;
                }

                saved.ParameterSteps.CopyTo(parameterSteps, 0);
                StepCount = saved.StepCount;
                ScalarState = saved.Scalars;
            }

            private Tensor Restored(float[] values, nn.Parameter parameter)
            {
                using var host = tensor(values, parameter.shape);
                return KeepState(host.to(parameter.device));
            }

            /// <summary>
            /// Clears every accumulated gradient, as PyTorch 2's zero_grad does by default (set_to_none): a
            /// gradient becomes undefined, so the next backward pass stores its result instead of adding it to
            /// zeros: the same values, with a fill and an addition per parameter less.
            /// </summary>
            public void zero_grad()
            {
                foreach (var parameter in Parameters) parameter.clear_grad();
            }

            public void step()
            {
                if (Schedule is { } schedule) LearningRate = schedule(StepCount);
                StepCount++;
                using var _ = no_grad();
                using var scope = NewDisposeScope();
                var withGradient = new List<int>(Parameters.Count);
                for (var i = 0; i < Parameters.Count; i++)
                {
                    using var grad = Parameters[i].grad;
                    if (grad is null) continue;
                    parameterSteps[i]++;
                    withGradient.Add(i);
                }
                Update(withGradient);
            }

            /// <summary>
            /// Applies one update to the parameters at <paramref name="indices"/> (those with a gradient); runs under
            /// no_grad in a dispose scope. One parameter at a time unless an optimizer updates them all in one pass.
            /// </summary>
            protected virtual void Update(IReadOnlyList<int> indices)
            {
                foreach (var i in indices)
                {
                    using var grad = Parameters[i].grad!;
                    Update(i, Parameters[i], grad);
                }
            }

            /// <summary>Applies one update to parameter <paramref name="index"/>; runs under no_grad in a dispose scope.</summary>
            protected abstract void Update(int index, nn.Parameter parameter, Tensor grad);

            /// <summary>
            /// Steps taken by parameter <paramref name="index"/>, counting the one being applied: PyTorch keeps
            /// this per parameter ("step" in its state), so a parameter without a gradient does not advance.
            /// </summary>
            protected long ParameterStep(int index) => parameterSteps[index];

            /// <summary>A zero state tensor shaped like the parameter, on its device, kept for the optimizer's lifetime.</summary>
            protected Tensor NewState(Tensor like) => KeepState(zeros_like(like));

            /// <summary>A state tensor shaped like the parameter and filled with <paramref name="value"/>.</summary>
            protected Tensor NewState(Tensor like, double value)
            {
                using var zero = zeros_like(like);
                return KeepState(zero + value);
            }

            /// <summary>Takes <paramref name="tensor"/> out of its dispose scope and frees it with the optimizer.</summary>
            protected Tensor KeepState(Tensor tensor)
            {
                state.Add(tensor.DetachFromDisposeScope());
                return tensor;
            }

            /// <summary>grad + weight_decay·param as PyTorch computes it (grad.add(param, alpha=wd)); grad itself is never modified.</summary>
            protected static Tensor WithWeightDecay(Tensor grad, Tensor parameter, double weightDecay) =>
                weightDecay != 0 ? grad.clone().add_(parameter, weightDecay) : grad;

            public void Dispose()
            {
                foreach (var tensor in state) tensor.Dispose();
                state.Clear();
                GC.SuppressFinalize(this);
            }
        }
    }
}
