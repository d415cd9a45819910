namespace Repro.Reproduction.Reporting;

/// <summary>
/// Why an experiment is not compared with its report: <paramref name="Kind"/> is what its printed
/// numbers are counted under ("not compared (substitute data)"), <paramref name="Label"/> the
/// longer reason the not-compared table shows.
/// </summary>
internal sealed record ComparisonExclusion(string Kind, string Label);
