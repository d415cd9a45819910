using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Repro.Reproduction;

/// <summary>
/// Finds the implementations of Repro's extension points (layer handlers, datasets) in Repro.Reproduction and in the
/// loaded assemblies that build on it, so that an assembly of its own (a test's) can add one in a single file.
/// </summary>
internal static class Discovery
{
    private static readonly Assembly Own = typeof(Discovery).Assembly;

    /// <summary>A new instance of every concrete class assignable to <typeparamref name="T"/> (each needs a parameterless constructor).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Discovery)]
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = TrimmingRoots.Discovery)]
    public static IEnumerable<T> Instances<T>() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly == Own || assembly.GetReferencedAssemblies().Any(name => name.Name == Own.GetName().Name))
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(T)))
            .Select(type => (T)Activator.CreateInstance(type)!);
}
