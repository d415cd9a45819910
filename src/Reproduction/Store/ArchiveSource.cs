namespace Repro.Reproduction.Store;

/// <summary>
/// A tar.gz archive the dataset's files are extracted from (CIFAR-10 is published only as one archive). The archive
/// is found, downloaded and verified like any dataset file; <see cref="Members"/> maps each member path inside the
/// archive to the dataset file name it becomes in the cache.
/// </summary>
public sealed record ArchiveSource(DatasetFile Archive, IReadOnlyDictionary<string, string> Members);
