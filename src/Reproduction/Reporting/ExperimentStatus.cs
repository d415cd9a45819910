using Repro.Experiments;

namespace Repro.Reproduction.Reporting;

/// <summary>What is known about an experiment when the table is written: its result, or why it did not run.</summary>
public sealed record ExperimentStatus(Experiment Experiment, RecordedResult? Result, string? NotRunReason)
{
    public const string FullProfile = "full";

    /// <summary>The result the table may show. Smoke runs train on a sliver of the data, so they never stand for the report's run.</summary>
    internal RecordedResult? FullResult => Result is { Profile: FullProfile } ? Result : null;

    /// <summary>Why there is no full result to show; only meaningful when <see cref="FullResult"/> is null.</summary>
    private string WhyNotRun =>
        Result is null ? NotRunReason ?? "no result recorded" : $"only a {Result.Profile} result exists";

    /// <summary>The verdict cell of a number or run that has no full result.</summary>
    internal string NotRunVerdict => $"{Tally.NotRun}: {WhyNotRun}";

    /// <summary>Why this experiment's numbers are shown apart from the report's, or null when they are judged against them.</summary>
    /// <remarks>
    /// A run on substitute data counts as substitute data even when it also carries a <see cref="Experiment.Variant"/>
    /// label (report 001's digits subset does); the label is what the table shows, since it says more than the
    /// dataset id in <see cref="DataSpec.SubstituteFor"/>.
    /// </remarks>
    internal ComparisonExclusion? Exclusion =>
        Experiment.Data.SubstituteFor is { } substitute ? new ComparisonExclusion("substitute data", Experiment.Variant ?? $"substitute data for {substitute}")
        : Experiment.Variant is { } variant ? new ComparisonExclusion("variant", variant)
        : FullResult is { FixtureData: true } ? new ComparisonExclusion("fixture data", "fixture data: the result was computed on the small test fixture, not the real data set")
        : null;
}
