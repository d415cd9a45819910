namespace Repro.Reproduction.Fixtures;

/// <summary>How many rows a fixture's training and test files hold.</summary>
public readonly record struct FixtureSize(int TrainRows, int TestRows);
