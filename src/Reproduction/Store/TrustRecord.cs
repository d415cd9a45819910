namespace Repro.Reproduction.Store;

/// <summary>The SHA-256 recorded for a file with no published hash, when and from where it was first verified.</summary>
public sealed record TrustRecord(string Sha256, long Size, DateTimeOffset Recorded, string Origin);
