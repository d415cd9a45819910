using Repro.Torch.Interop;
using Repro.Torch.Modules;

namespace Repro.Torch;

public static partial class torch
{
    /// <summary>Factories with torch.optim's parameter names and defaults (torch 1.13).</summary>
    public static partial class optim
    {
        /// <summary>
        /// One Adam step in place, under no gradient, for every parameter that has a gradient, with ε added to √v
        /// before the bias correction (the "epsilon hat" of Kingma and Ba, section 2), in one pass per parameter:
        ///   α = lr·√(1−β2ᵗ)/(1−β1ᵗ);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  p ← p − α·m/(√v + ε).
        /// </summary>
        public static unsafe void adam_epsilon_hat_(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> first_moments, IReadOnlyList<Tensor> second_moments,
            double lr, double beta1, double beta2, double eps, long step)
        {
            if (first_moments.Count != parameters.Count || second_moments.Count != parameters.Count)
                throw new ArgumentException($"adam_epsilon_hat_: {parameters.Count} parameters but {first_moments.Count} first and {second_moments.Count} second moments.");
            var handles = new IntPtr[3 * parameters.Count];
            for (var i = 0; i < parameters.Count; i++)
                (handles[i], handles[parameters.Count + i], handles[2 * parameters.Count + i]) = (parameters[i].Handle, first_moments[i].Handle, second_moments[i].Handle);
            fixed (IntPtr* p = handles)
                TorchException.Check(NativeMethods.rt_adam_epsilon_hat_(p, p + parameters.Count, p + 2 * parameters.Count, parameters.Count, lr, beta1, beta2, eps, step));
        }

        public static SGD SGD(IEnumerable<nn.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);

        public static RMSprop RMSprop(IEnumerable<nn.Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum, centered);

        public static Adagrad Adagrad(IEnumerable<nn.Parameter> parameters, double lr = 1e-2, double lr_decay = 0, double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10) =>
            new(parameters, lr, lr_decay, weight_decay, initial_accumulator_value, eps);

        public static Adadelta Adadelta(IEnumerable<nn.Parameter> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weight_decay = 0) =>
            new(parameters, lr, rho, eps, weight_decay);

        public static Adamax Adamax(IEnumerable<nn.Parameter> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay);

        public static NAdam NAdam(IEnumerable<nn.Parameter> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, double momentum_decay = 4e-3) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, momentum_decay);
    }
}
