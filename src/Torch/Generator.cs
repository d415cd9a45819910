using Repro.Torch.Interop;

namespace Repro.Torch;

/// <summary>A seeded CPU random-number generator, so initialisation and shuffling each draw from their own stream.</summary>
public sealed class Generator : IDisposable
{
    internal IntPtr Handle { get; private set; }

    public Generator(ulong seed)
    {
        Seed = seed;
        Handle = TorchException.Check(NativeMethods.rt_generator_new(seed));
    }

    public ulong Seed { get; }

    public void Dispose()
    {
        if (Handle == IntPtr.Zero) return;
        NativeMethods.rt_generator_free(Handle);
        Handle = IntPtr.Zero;
        GC.SuppressFinalize(this);
    }

    ~Generator() => Dispose();
}
