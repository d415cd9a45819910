using Repro.Torch.Interop;

namespace Repro.Torch;

/// <summary>A seeded CPU random-number generator, so initialisation and shuffling each draw from their own stream.</summary>
public sealed class Generator : IDisposable
{
    private readonly GeneratorHandle handle;

    public Generator(ulong seed)
    {
        Seed = seed;
        handle = new GeneratorHandle(TorchException.Check(NativeMethods.rt_generator_new(seed)));
    }

    internal GeneratorHandle Handle => !handle.IsClosed ? handle : throw new ObjectDisposedException(nameof(Generator));

    public ulong Seed { get; }

    /// <summary>The generator's whole state (a UInt8 tensor): restoring it continues the stream exactly where it was.</summary>
    public Tensor get_state() => new(NativeMethods.rt_generator_get_state(Handle));

    public void set_state(Tensor state) => TorchException.Check(NativeMethods.rt_generator_set_state(Handle, state.Handle));

    public void Dispose() => handle.Dispose();
}
