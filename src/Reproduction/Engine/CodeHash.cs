using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Security.Cryptography;
using Repro.Experiments;

namespace Repro.Reproduction.Engine;

/// <summary>
/// A hash of Repro's own code that trains: the built binding, experiment and reproduction
/// assemblies and the native shim. It replaces a hand-bumped version number, which a change that
/// forgot the bump would leave stale. The builds are deterministic (Directory.Build.props maps
/// source paths and leaves the commit out of the assemblies; CMake maps the shim's source path),
/// so the same sources give the same hash in any clone.
/// </summary>
internal static class CodeHash
{
    private static readonly Lazy<string> Value = new(Compute);

    public static string Current => Value.Value;

    private static string Compute()
    {
        var files = new[] { typeof(Torch.torch).Assembly, typeof(Experiment).Assembly, typeof(CodeHash).Assembly }
            .Select(Location)
            .Append(LoadedLibraries.Find(name => name == "libreprotorch.so")
                    ?? throw new InvalidOperationException("libreprotorch.so is not loaded: call into libtorch before taking the engine's fingerprint."))
            .ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    // A single-file bundle (or a Native AOT executable) has no assembly files: the executable itself holds them all,
    // so the empty Location the analyser warns about (IL3000) is the case handled here.
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location falls back to the executable, which holds the assembly.")]
    private static string Location(Assembly assembly) =>
        assembly.Location is { Length: > 0 } path ? path : Environment.ProcessPath!;
}
