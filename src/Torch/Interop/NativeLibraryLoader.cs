using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Torch.Interop;

/// <summary>
/// Finds libreprotorch.so: $REPRO_TORCH_NATIVE, then beside the application, then the default
/// search path. When none loads, the exception says what was tried and how to build the library,
/// instead of the runtime's bare "Unable to load shared library".
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string FileName = "libreprotorch.so";
    internal const string PathVariable = "REPRO_TORCH_NATIVE";

    // A library may use a module initializer here: the resolver must be in place before the first P/Invoke.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
#pragma warning restore CA2255

    internal static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        return name == NativeMethods.Library ? Load(Candidates()) : IntPtr.Zero;
    }

    internal static IntPtr Load(IEnumerable<string> candidates)
    {
        var attempts = new List<string>();
        foreach (var candidate in candidates)
        {
            try
            {
                return NativeLibrary.Load(candidate);
            }
            catch (DllNotFoundException e)
            {
                attempts.Add($"  {candidate}: {e.Message}");
            }
        }
        throw new DllNotFoundException(
            $"Repro's native libtorch binding ({FileName}) could not be loaded.\n" +
            string.Join("\n", attempts) + "\n" +
            "Build it with `./build.sh Native` (it needs libtorch: on Debian `apt-get install libtorch-dev`), " +
            $"or point {PathVariable} at an existing {FileName}.");
    }

    private static IEnumerable<string> Candidates()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured)) yield return configured;
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        yield return FileName;
    }
}
