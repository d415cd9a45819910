namespace Repro.Reproduction.Store;

public enum FileStatus
{
    /// <summary>Found with a pinned SHA-256.</summary>
    Present,

    /// <summary>Neither in the cache nor in a system folder.</summary>
    Missing,

    /// <summary>Found, but its SHA-256 matches no pinned hash.</summary>
    Corrupt,
}
