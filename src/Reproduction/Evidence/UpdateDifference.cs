namespace Repro.Reproduction.Evidence;

/// <summary>
/// How differently two computations of one training step, from the same state, moved the parameters and buffers: per
/// tensor, the largest difference of the two results measured against the largest change the step made to that tensor
/// (the reference's), so an optimizer's step size sets the scale: a path switched under rounding (a ReLU input at 0, a
/// max-pooling near-tie) redirects part of some gradient and moves a few elements by a fraction of a step, a different
/// update rule or gradient moves them by whole steps.
/// </summary>
/// <param name="MaxAbsolute">max |other − reference| over every element of every tensor.</param>
/// <param name="WorstFraction">The largest difference in a tensor over the largest change of that tensor in the step (0 when nothing differs, infinite when a tensor the step left unchanged differs).</param>
/// <param name="Where">The tensor and step of <see cref="WorstFraction"/>; null when nothing differs.</param>
public readonly record struct UpdateDifference(double MaxAbsolute, double WorstFraction, string? Where)
{
    public static readonly UpdateDifference None = new(0, 0, null);

    /// <param name="before">The state both sides started the step from.</param>
    /// <param name="reference">The reference's state after the step.</param>
    /// <param name="other">The other side's state after the step.</param>
    /// <param name="step">The step's number, for <see cref="Where"/>.</param>
    public static UpdateDifference Of(IReadOnlyDictionary<string, float[]> before, IReadOnlyDictionary<string, float[]> reference, IReadOnlyDictionary<string, float[]> other, int step)
    {
        var worst = None;
        foreach (var (name, start) in before)
        {
            var (a, b) = (reference[name], other[name]);
            if (a.Length != start.Length || b.Length != start.Length) throw new ArgumentException($"{name}: the states hold {start.Length}, {a.Length} and {b.Length} values");
            double difference = 0, change = 0;
            for (var i = 0; i < start.Length; i++)
            {
                var d = Math.Abs((double)b[i] - a[i]);
                difference = Math.Max(difference, double.IsNaN(d) ? double.PositiveInfinity : d);
                change = Math.Max(change, Math.Abs((double)a[i] - start[i]));
            }
            if (difference == 0) continue;
            var fraction = change == 0 ? double.PositiveInfinity : difference / change;
            worst = new UpdateDifference(Math.Max(worst.MaxAbsolute, difference), Math.Max(worst.WorstFraction, fraction),
                fraction > worst.WorstFraction ? $"{name}, step {step}" : worst.Where);
        }
        return worst;
    }

    public UpdateDifference Max(UpdateDifference other) =>
        new(Math.Max(MaxAbsolute, other.MaxAbsolute), Math.Max(WorstFraction, other.WorstFraction), other.WorstFraction > WorstFraction ? other.Where : Where ?? other.Where);
}
