namespace Repro.Reproduction.Reporting;

/// <summary>
/// Why a printed number, or all of an experiment's, is not judged: <paramref name="Kind"/> is what the
/// summary line counts it under ("not judged (one seed)"), <paramref name="Reason"/> what the table says.
/// </summary>
internal sealed record NotJudged(string Kind, string Reason)
{
    public const string NotRun = "not run";
    public const string OneSeed = "one seed";
    public const string SubstituteData = "substitute data";
    public const string Variant = "variant";
    public const string FixtureData = "fixture data";
    public const string NotMeasured = "not measured";
    public const string NotFinite = "not finite";
}
