namespace Repro.Reproduction.Store;

/// <summary>
/// What is on disk for one dataset file, found without downloading anything: for `repro data list` and
/// `repro data verify`. Path, size and hash are those of the file that would be used (or the corrupt one).
/// </summary>
/// <param name="Trust">"pinned" or "first-use yyyy-MM-dd" for a present file, else null.</param>
/// <param name="Reason">Why a corrupt file was rejected, when the pins alone do not say (a size or a first-use hash).</param>
/// <param name="Md5">The file's MD5, computed in the same pass when one of its pins is an MD5, else null.</param>
public sealed record FileInspection(
    string DatasetId,
    DatasetFile File,
    FileStatus Status,
    FileSource? Source,
    string? Path,
    long? Size,
    string? Sha256,
    string? Trust = null,
    string? Reason = null,
    string? Md5 = null);
