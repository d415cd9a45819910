namespace Repro.Reproduction.Store;

/// <summary>
/// A read-only folder where a package manager installs the dataset, with the hint that tells a user how to get it
/// there (shown when the files are missing and nothing may be downloaded).
/// </summary>
public sealed record SystemFolder(string Path, string InstallHint);
