using System.Runtime.InteropServices;

namespace Repro.Torch.Interop;

/// <summary>
/// An object allocated by the native shim and freed exactly once by its subclass. P/Invoke declarations take the
/// handle rather than its address, so the marshaller keeps it alive (and unfreed) for the length of every native
/// call even when its owner is no longer referenced; a handle nobody disposed is freed by its finalizer.
/// A null pointer is an invalid handle: it stands for an absent optional argument and is never freed.
/// </summary>
internal abstract class NativeHandle : SafeHandle
{
    protected NativeHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == IntPtr.Zero;
}

/// <summary>A tensor, freed with rt_tensor_free.</summary>
internal sealed class TensorHandle(IntPtr pointer) : NativeHandle(pointer)
{
    /// <summary>An absent optional tensor (a convolution without bias).</summary>
    internal static readonly TensorHandle None = new(IntPtr.Zero);

    protected override bool ReleaseHandle()
    {
        NativeMethods.rt_tensor_free(handle);
        return true;
    }
}

/// <summary>A random-number generator, freed with rt_generator_free.</summary>
internal sealed class GeneratorHandle(IntPtr pointer) : NativeHandle(pointer)
{
    /// <summary>No generator: libtorch then draws from its default one.</summary>
    internal static readonly GeneratorHandle None = new(IntPtr.Zero);

    protected override bool ReleaseHandle()
    {
        NativeMethods.rt_generator_free(handle);
        return true;
    }
}
