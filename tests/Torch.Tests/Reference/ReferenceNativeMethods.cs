using System.Runtime.InteropServices;
using Repro.Torch.Interop;

namespace Repro.Torch.Tests.Reference;

/// <summary>
/// The shim's functions that only the tests call (log_softmax and PyTorch's own losses, as references), declared here
/// rather than in the binding, which declares what Repro uses. They load the same libreprotorch.so the binding loads.
/// </summary>
internal static partial class ReferenceNativeMethods
{
    static ReferenceNativeMethods() => NativeLibrary.SetDllImportResolver(typeof(ReferenceNativeMethods).Assembly, NativeLibraryLoader.Resolve);

    [LibraryImport(NativeMethods.Library)] internal static partial IntPtr rt_log_softmax(TensorHandle tensor, long dim);
    [LibraryImport(NativeMethods.Library)] internal static partial IntPtr rt_nll_loss(TensorHandle input, TensorHandle target, int reduction);
    [LibraryImport(NativeMethods.Library)] internal static partial IntPtr rt_mse_loss(TensorHandle input, TensorHandle target, int reduction);
    [LibraryImport(NativeMethods.Library)] internal static partial IntPtr rt_kl_div(TensorHandle input, TensorHandle target, int reduction, int logTarget);
}
