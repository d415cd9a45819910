namespace Repro.Experiments;

/// <summary>
/// Marks a definition property added after baselines were recorded: while it holds <see cref="Value"/>, the canonical
/// definition leaves it out, so the definitions made before it existed keep their hashes (and their baselines and cached
/// trainings); any other value enters the hash like every other property.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CanonicalDefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}
