namespace Repro.Reproduction.Data;

/// <summary>
/// What is on disk for one dataset file, found without downloading anything: for `repro data list` and
/// `repro data verify`. Path, size and hash are those of the file that would be used (or the corrupt one).
/// </summary>
public sealed record FileInspection(
    string DatasetId,
    DatasetFile File,
    FileStatus Status,
    FileSource? Source,
    string? Path,
    long? Size,
    string? Sha256);
