namespace Repro.Reproduction.Store;

/// <summary>The digest a pinned hash is written in: publishers give what they give (CIFAR-10 publishes only MD5).</summary>
public enum HashAlgorithmKind
{
    Sha256,
    Md5,
}
