namespace Repro.Experiments;

/// <summary>
/// How much one metric moved between the report's own runs of one configuration: the sample
/// standard deviation (ddof 1) of <paramref name="Draws"/> printed values, and where in the report
/// they are. A reproduction is tested against this spread because the report's numbers carried
/// noise Repro's seeds cannot (GPU nondeterminism, other library versions), so Repro's own seed
/// spread alone can be too narrow to say whether a printed number is a plausible draw.
/// </summary>
/// <remarks>
/// Where the draws come from several configurations each run more than once (report 002's repeats),
/// the deviation is pooled within configurations and <see cref="Configurations"/> says how many,
/// since each configuration's own mean costs one degree of freedom.
/// </remarks>
public sealed record ReportedSpread(double StandardDeviation, int Draws, string Source)
{
    public int Configurations { get; init; } = 1;

    /// <summary>A spread the report printed as np.std (ddof 0) of <paramref name="draws"/> values, made the sample deviation (ddof 1) the test assumes.</summary>
    public static ReportedSpread FromNpStd(double npStd, int draws, string source) =>
        new(npStd * Math.Sqrt(draws / (draws - 1.0)), draws, source);

    /// <summary>What the deviation's estimate rests on: draws less one per configuration.</summary>
    public int DegreesOfFreedom => Draws - Configurations;

    /// <summary>
    /// The spread of a mean over <paramref name="folds"/> folds, from the spread of one fold's score:
    /// folds trained from their own initialisation on their own data move nearly independently
    /// (report 004's eight repeated means, sd 0.00247, sit close to its folds' 0.00474/√5 = 0.00212),
    /// so the mean's deviation is the fold's over √folds, resting on the same draws.
    /// </summary>
    public ReportedSpread OfMeanOver(int folds) =>
        this with { StandardDeviation = StandardDeviation / Math.Sqrt(folds), Source = $"{Source}, over √{folds} for a mean of {folds} folds" };
}
