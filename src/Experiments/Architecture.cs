namespace Repro.Experiments;

/// <summary>
/// A model as a report defined it, with the parameter counts its model.summary() printed (null
/// where the report printed none; then the count in <see cref="Derived"/> is Repro's own
/// arithmetic, stated as such). Non-trainable parameters are BatchNormalization's moving statistics
/// or a frozen backbone.
/// </summary>
public sealed record Architecture(
    string Name,
    (int Channels, int Height, int Width) InputShape,
    IReadOnlyList<Layer> Layers,
    long? PrintedTotal,
    long? PrintedNonTrainable,
    string Where)
{
    /// <summary>The expected total when the report printed none.</summary>
    public long? Derived { get; init; }
}
