using Repro.Torch.Modules;

namespace Repro.Torch;

public static partial class torch
{
    public static partial class optim
    {
        public static Adam Adam(IEnumerable<nn.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay);

        /// <summary>
        /// Base of the optimizers: holds the parameters and their per-parameter state tensors,
        /// which live outside every dispose scope until the optimizer is disposed.
        /// </summary>
        public abstract class Optimizer : IDisposable
        {
            private readonly List<Tensor> state = [];

            protected Optimizer(IEnumerable<nn.Parameter> parameters, double lr)
            {
                Parameters = parameters.ToArray();
                LearningRate = lr;
            }

            public IReadOnlyList<nn.Parameter> Parameters { get; }

            public double LearningRate { get; set; }

            /// <summary>Number of completed steps.</summary>
            public long StepCount { get; private set; }

            /// <summary>Zeroes every accumulated gradient in place.</summary>
            public void zero_grad()
            {
                foreach (var parameter in Parameters)
                {
                    using var grad = parameter.grad;
                    grad?.zero_();
                }
            }

            public void step()
            {
                StepCount++;
                using var _ = no_grad();
                using var scope = NewDisposeScope();
                for (var i = 0; i < Parameters.Count; i++)
                {
                    using var grad = Parameters[i].grad;
                    if (grad is not null) Update(i, Parameters[i], grad);
                }
            }

            /// <summary>Applies one update to parameter <paramref name="index"/>; runs under no_grad in a dispose scope.</summary>
            protected abstract void Update(int index, nn.Parameter parameter, Tensor grad);

            /// <summary>A zero state tensor shaped like the parameter, kept for the optimizer's lifetime.</summary>
            protected Tensor NewState(Tensor like)
            {
                var tensor = zeros(like.shape, like.dtype).DetachFromDisposeScope();
                state.Add(tensor);
                return tensor;
            }

            public void Dispose()
            {
                foreach (var tensor in state) tensor.Dispose();
                state.Clear();
                GC.SuppressFinalize(this);
            }
        }
    }
}
