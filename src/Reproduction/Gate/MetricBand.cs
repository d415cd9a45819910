namespace Repro.Reproduction.Gate;

/// <summary>
/// A baseline value and its absolute tolerance: a received value passes when
/// |received − Value| &lt;= Tolerance.
/// </summary>
public sealed record MetricBand(double Value, double Tolerance)
{
    public double Low => Value - Tolerance;

    public double High => Value + Tolerance;
}
