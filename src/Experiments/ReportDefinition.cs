namespace Repro.Experiments;

/// <summary>
/// One source report: where it is, its experiments in report order, and how much its own numbers
/// move between repeats of the same configuration, which decides whether a reproduced number
/// counts as reproduced.
/// </summary>
public sealed record ReportDefinition
{
    /// <summary>"001".."004".</summary>
    public required string Report { get; init; }

    public required string File { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<Experiment> Experiments { get; init; }

    /// <summary>Metric name → absolute half-width of the band the report's own run-to-run noise allows.</summary>
    public required IReadOnlyDictionary<string, double> Noise { get; init; }

    /// <summary>Where each noise band comes from, in the report's own numbers.</summary>
    public required string NoiseDerivation { get; init; }
}
