using Repro.Torch.Interop;

namespace Repro.Torch;

public static partial class torch
{
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
            TensorHandle[] owners = [.. parameters.Select(t => t.Handle), .. first_moments.Select(t => t.Handle), .. second_moments.Select(t => t.Handle)];
            var handles = new IntPtr[owners.Length];
            var referenced = 0;
            try
            {
                // The shim takes arrays of tensor pointers, which the marshaller cannot reference-count as it does
                // a handle argument: hold a reference to each handle until the call returns.
                for (; referenced < owners.Length; referenced++)
                {
                    var added = false;
                    owners[referenced].DangerousAddRef(ref added);
                    handles[referenced] = owners[referenced].DangerousGetHandle();
                }
                fixed (IntPtr* p = handles)
                    TorchException.Check(NativeMethods.rt_adam_epsilon_hat_(p, p + parameters.Count, p + 2 * parameters.Count, parameters.Count, lr, beta1, beta2, eps, step));
            }
            finally
            {
                for (var i = 0; i < referenced; i++) owners[i].DangerousRelease();
            }
        }
    }
}
