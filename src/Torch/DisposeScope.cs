namespace Repro.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost open scope, and frees
/// them when disposed, as TorchSharp's dispose scopes do. A training step opens one, so native
/// memory is released at the end of the step instead of whenever the garbage collector runs.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    /// <summary>Number of live tensors this scope will free.</summary>
    public int Count => owned.Count;

    internal void Attach(Tensor tensor) => owned.Add(tensor);

    internal void Detach(Tensor tensor) => owned.Remove(tensor);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (current != this)
            throw new InvalidOperationException("Dispose scopes must be disposed in the reverse order of creation.");
        current = outer;
        foreach (var tensor in owned.ToArray())
        {
            tensor.scope = null;
            tensor.Dispose();
        }
        owned.Clear();
    }
}
