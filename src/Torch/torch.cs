using System.Runtime.InteropServices;
using Repro.Torch.Interop;

namespace Repro.Torch;

/// <summary>
/// Entry point of the binding, shaped like TorchSharp's <c>torch</c> class so that experiment
/// code reads like TorchSharp code (<c>using static Repro.Torch.torch;</c>).
/// </summary>
public static partial class torch
{
    /// <summary>libtorch's version as its headers state it (TORCH_VERSION).</summary>
    public static string __version__ => Marshal.PtrToStringUTF8(NativeMethods.rt_torch_version())!;

    /// <summary>libtorch's build configuration (at::show_config): compiler, BLAS, CUDA and flags.</summary>
    public static string build_config => Marshal.PtrToStringUTF8(NativeMethods.rt_build_config())!;

    /// <summary>libtorch's parallel backend and thread settings (at::get_parallel_info).</summary>
    public static string parallel_info => Marshal.PtrToStringUTF8(NativeMethods.rt_parallel_info())!;

    /// <summary>Seeds libtorch's global generator (dropout and every call without an explicit generator).</summary>
    public static void manual_seed(ulong seed) => NativeMethods.rt_manual_seed(seed);

    public static void set_num_threads(int threads) => TorchException.Check(NativeMethods.rt_set_num_threads(threads));

    public static int get_num_threads() => NativeMethods.rt_get_num_threads();

    /// <summary>Disables gradient tracking on this thread until the returned guard is disposed.</summary>
    public static IDisposable no_grad() => new GradModeGuard(enabled: false);

    public static DisposeScope NewDisposeScope() => new();

    public static Tensor tensor<T>(T[] data, params long[] shape) where T : unmanaged
    {
        if (shape.Length == 0) shape = [data.LongLength];
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.LongLength)
            throw new ArgumentException($"tensor: shape [{string.Join(", ", shape)}] holds {count} elements but the array has {data.LongLength}");
        unsafe
        {
            fixed (T* p = data)
            fixed (long* s = shape)
                return new Tensor(NativeMethods.rt_tensor_from_data(p, s, shape.Length, (int)ScalarTypes.Of<T>()));
        }
    }

    public static unsafe Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32) => Create(NativeMethods.rt_zeros_ptr, shape, dtype);

    public static unsafe Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32) => Create(NativeMethods.rt_ones_ptr, shape, dtype);

    public static unsafe Tensor empty(long[] shape, ScalarType dtype = ScalarType.Float32) => Create(NativeMethods.rt_empty_ptr, shape, dtype);

    /// <summary>A random permutation of 0..n-1 (Int64).</summary>
    public static Tensor randperm(long n, Generator? generator = null) =>
        new(NativeMethods.rt_randperm(n, generator?.Handle ?? GeneratorHandle.None));

    private static unsafe Tensor Create(delegate*<long*, int, int, IntPtr> factory, long[] shape, ScalarType dtype)
    {
        fixed (long* s = shape) return new Tensor(factory(s, shape.Length, (int)dtype));
    }

    /// <summary>A tensor of zeros with the shape, dtype and device of <paramref name="like"/>.</summary>
    public static Tensor zeros_like(Tensor like) => new(NativeMethods.rt_zeros_like(like.Handle));

    /// <summary>A tensor of ones with the shape, dtype and device of <paramref name="like"/>.</summary>
    public static Tensor ones_like(Tensor like) => new(NativeMethods.rt_ones_like(like.Handle));

    public static readonly Device CPU = new(DeviceType.CPU);

    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>"cpu", "cuda" or "cuda:N", as TorchSharp's torch.device(string) takes them.</summary>
    public static Device device(string description) => Device.Parse(description);

    public static class cuda
    {
        /// <summary>True when this libtorch was built with CUDA and a GPU is visible.</summary>
        public static bool is_available() => NativeMethods.rt_cuda_is_available() != 0;

        public static int device_count() => NativeMethods.rt_cuda_device_count();

        /// <summary>Waits until the current GPU has run every kernel queued so far, so a clock read after it times them.</summary>
        /// <exception cref="TorchException">No GPU is available.</exception>
        public static void synchronize() => TorchException.Check(NativeMethods.rt_cuda_synchronize());
    }

    /// <summary>The reproducibility switches PyTorch spreads over torch.backends and torch.use_deterministic_algorithms.</summary>
    public static class backends
    {
        /// <summary>
        /// Deterministic: cuDNN deterministic with benchmarking off, and deterministic algorithms;
        /// otherwise the opposite. TF32 in cuBLAS matmuls and cuDNN convolutions only when asked.
        /// </summary>
        public static void configure_determinism(bool deterministic, bool allow_tf32) =>
            TorchException.Check(NativeMethods.rt_set_determinism(deterministic ? 1 : 0, allow_tf32 ? 1 : 0));

        public static unsafe Determinism determinism()
        {
            var values = stackalloc int[5];
            TorchException.Check(NativeMethods.rt_get_determinism(values));
            return new Determinism(values[0] != 0, values[1] != 0, values[2] != 0, values[3] != 0, values[4] != 0);
        }
    }

    private sealed class GradModeGuard : IDisposable
    {
        private readonly int previous;
        private bool disposed;

        public GradModeGuard(bool enabled) => previous = NativeMethods.rt_set_grad_enabled(enabled ? 1 : 0);

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            NativeMethods.rt_set_grad_enabled(previous);
        }
    }
}
