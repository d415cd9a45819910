namespace Repro.Reproduction.Store;

/// <summary>Where a verified dataset file was found; recorded with results so a run says which bytes it trained on.</summary>
public enum FileSource
{
    /// <summary>The user cache ($REPRO_DATA/&lt;id&gt;/ or ~/.cache/repro/&lt;id&gt;/).</summary>
    Cache,

    /// <summary>A folder installed by a system package, such as Debian's /usr/share/datasets/.</summary>
    System,

    /// <summary>Fetched from a mirror during this load and saved into the cache.</summary>
    Download,

    /// <summary>Taken out of the dataset's archive during this load and saved into the cache.</summary>
    Extracted,

    /// <summary>Unpacked from a downloaded (not installed) Debian package during this load and saved into the cache.</summary>
    DebianPackage,
}
