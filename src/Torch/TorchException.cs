using System.Runtime.InteropServices;
using Repro.Torch.Interop;

namespace Repro.Torch;

/// <summary>An error raised inside libtorch, carrying libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    internal static IntPtr Check(IntPtr handle)
    {
        if (handle == IntPtr.Zero) throw Last();
        return handle;
    }

    internal static void Check(int status)
    {
        if (status != 0) throw Last();
    }

    private static TorchException Last() =>
        new(Marshal.PtrToStringUTF8(NativeMethods.rt_last_error()) ?? "libtorch reported an error without a message");
}
