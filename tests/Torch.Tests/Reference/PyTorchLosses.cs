using static Repro.Torch.torch.nn;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// PyTorch losses that Repro does not train with (it uses cross_entropy and Keras's own losses), kept for the
/// parity tests of the shim's loss kernels, with torch.nn.functional's names and reductions.
/// </summary>
public static class PyTorchLosses
{
    public static Tensor nll_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(ReferenceNativeMethods.rt_nll_loss(input.Handle, target.Handle, (int)reduction));

    public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(ReferenceNativeMethods.rt_mse_loss(input.Handle, target.Handle, (int)reduction));

    /// <summary>
    /// torch.nn.functional.kl_div: <paramref name="input"/> holds log-probabilities; the pointwise loss is
    /// target·(log target − input). <paramref name="reduction"/> is PyTorch's: "none", "mean" (over all
    /// elements), "sum" or "batchmean" (sum / batch size, the mathematically correct KL divergence).
    /// </summary>
    public static Tensor kl_div(Tensor input, Tensor target, string reduction = "mean", bool log_target = false)
    {
        var logTarget = log_target ? 1 : 0;
        switch (reduction)
        {
            case "none": return new Tensor(ReferenceNativeMethods.rt_kl_div(input.Handle, target.Handle, (int)Reduction.None, logTarget));
            case "mean": return new Tensor(ReferenceNativeMethods.rt_kl_div(input.Handle, target.Handle, (int)Reduction.Mean, logTarget));
            case "sum": return new Tensor(ReferenceNativeMethods.rt_kl_div(input.Handle, target.Handle, (int)Reduction.Sum, logTarget));
            case "batchmean":
                // As torch/nn/functional.py: the sum divided by the first dimension (a 0-d input keeps the sum).
                var sum = new Tensor(ReferenceNativeMethods.rt_kl_div(input.Handle, target.Handle, (int)Reduction.Sum, logTarget));
                if (input.dim() == 0) return sum;
                using (sum) return sum / input.size(0);
            default:
                throw new ArgumentException($"kl_div: reduction must be none, mean, sum or batchmean, got '{reduction}'");
        }
    }
}
