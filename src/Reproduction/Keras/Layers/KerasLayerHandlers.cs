using System.Collections.Concurrent;
using Repro.Experiments;

namespace Repro.Reproduction.Keras.Layers;

/// <summary>
/// The one registration of layer kinds: every concrete <see cref="KerasLayerHandler"/> in Repro.Reproduction and in the
/// loaded assemblies that build on it, found by discovery, one per layer type. A layer without a handler is an error.
/// </summary>
public static class KerasLayerHandlers
{
    private static readonly ConcurrentDictionary<Type, KerasLayerHandler> Found = new();

    /// <summary>The handler of <paramref name="layer"/>'s type; assemblies loaded since the last look are searched when it is not known yet.</summary>
    public static KerasLayerHandler For(Layer layer) => Found.GetOrAdd(layer.GetType(), Discover);

    private static KerasLayerHandler Discover(Type layerType)
    {
        var handlers = Discovery.Instances<KerasLayerHandler>().Where(handler => handler.LayerType == layerType).ToList();
        return handlers.Count switch
        {
            1 => handlers[0],
            0 => throw new NotSupportedException(
                $"Layer {layerType.Name} has no handler in Repro: add a KerasLayerHandler<{layerType.Name}> that gives its output shape, multiply-accumulates and libtorch modules."),
            _ => throw new InvalidOperationException(
                $"Layer {layerType.Name} has {handlers.Count} handlers ({string.Join(", ", handlers.Select(h => h.GetType().FullName))}): keep one."),
        };
    }

    /// <summary>Moves <paramref name="shape"/> through the layers, returning the multiply-accumulates of one example's forward pass.</summary>
    public static double Follow(IReadOnlyList<Layer> layers, KerasShapeTracker shape)
    {
        double total = 0;
        foreach (var layer in layers) total += For(layer).Follow(layer, shape);
        return total;
    }
}
