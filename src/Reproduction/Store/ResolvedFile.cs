namespace Repro.Reproduction.Store;

/// <summary>
/// A dataset file whose SHA-256 matched a pinned hash: the path it was read from, the hash, where it came from and
/// which pinned hash it matched (so a report can tell the upstream bytes from a re-packaged copy).
/// </summary>
/// <param name="DownloadedFrom">The mirror address, when <paramref name="Source"/> is <see cref="FileSource.Download"/>.</param>
/// <param name="Unpublished">Why a weight file the smoke profile trains from is not the published one; null for every verified file.</param>
public sealed record ResolvedFile(string FileName, string Path, string Sha256, FileSource Source, PinnedHash Match, string? DownloadedFrom = null, string? Unpublished = null);
