namespace Repro.Reproduction.Reporting;

/// <summary>
/// One experiment's recorded result: one metrics dictionary per seed that ran (the first is the
/// experiment's own seed). Only a "full" profile result is ever judged against a report.
/// </summary>
/// <param name="TorchVersion">The libtorch version the result was trained with, from its manifest.</param>
public sealed record RecordedResult(
    string Profile,
    string Device,
    bool FixtureData,
    IReadOnlyList<IReadOnlyDictionary<string, double>> SeedMetrics,
    string ResultPath,
    double WallSeconds,
    string TorchVersion);
