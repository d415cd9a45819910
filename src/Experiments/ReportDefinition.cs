namespace Repro.Experiments;

/// <summary>
/// One source report: where it is, its experiments in report order, and how much its own numbers
/// move between repeats of the same configuration, the spread a printed number is tested with.
/// </summary>
public sealed record ReportDefinition
{
    /// <summary>The report's number, three digits ("001"); unique, and the order reports are listed in.</summary>
    public required string Report { get; init; }

    public required string File { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<Experiment> Experiments { get; init; }

    /// <summary>Every model the report defined, with the parameter counts it printed.</summary>
    public required IReadOnlyList<Architecture> Architectures { get; init; }

    /// <summary>
    /// Metric name → the report's own run-to-run spread of it, for the metrics whose spread the
    /// report shows (its folds, its repeated configurations). A metric left out is tested against
    /// Repro's seed spread alone, and the table says so: a spread guessed from another metric would
    /// be a band chosen by hand again.
    /// </summary>
    public required IReadOnlyDictionary<string, ReportedSpread> Spread { get; init; }
}
