using Repro.Torch.Modules;

namespace Repro.Torch;

public static partial class torch
{
    /// <summary>Factories with torch.optim's parameter names and defaults (torch 1.13).</summary>
    public static partial class optim
    {
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
