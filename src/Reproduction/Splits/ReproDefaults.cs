namespace Repro.Reproduction.Splits;

/// <summary>Choices Repro makes where a report left a split underspecified.</summary>
public static class ReproDefaults
{
    /// <summary>
    /// Seed for report 001's <c>KFold(5, shuffle=True)</c>: the report gave no <c>random_state</c>, so
    /// its folds came from NumPy's global generator and cannot be recovered. Repro fixes a seed so
    /// reruns are deterministic; 42 matches the seed the same report used elsewhere.
    /// </summary>
    public const int UnseededKFoldSeed = 42;
}
