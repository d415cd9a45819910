namespace Repro.Reproduction.Store;

/// <summary>Copying verified datasets into another cache folder, for a machine that cannot download them.</summary>
public sealed partial class DatasetStore
{
    /// <summary>
    /// Copies the dataset's files, as this store finds and verifies them without downloading, into
    /// <paramref name="destinationRoot"/> laid out as a cache (&lt;root&gt;/&lt;id&gt;/&lt;file&gt;, with the first-use
    /// records of the files that have no published SHA-256), so that REPRO_DATA=&lt;root&gt; finds and verifies them
    /// on a machine without network. Returns the copies as a store on the destination resolves them (verified again).
    /// </summary>
    public async Task<ResolvedDataset> ExportAsync(DatasetManifest manifest, string destinationRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationRoot);
        var source = await WithOffline(true).ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
        var destination = new DatasetStore(destinationRoot, offline: true, RequestTimeout, Log, Download);
        var folder = destination.CacheFolder(manifest);
        CreateFolder(folder);
        using (await DatasetLock.AcquireAsync(folder, Download.LockTimeout, Log, cancellationToken).ConfigureAwait(false))
        {
            var sourceTrust = TrustLock.Read(CacheFolder(manifest));
            var destinationTrust = TrustLock.Read(folder);
            foreach (var file in source.Files.Values)
            {
                var target = Path.Combine(folder, file.FileName);
                // Exporting into the store's own cache leaves its files where they are.
                if (!string.Equals(Path.GetFullPath(file.Path), target, StringComparison.Ordinal))
                {
                    // Copied under a temporary name and renamed, so that an interrupted export never leaves a partial file under the real name.
                    var temp = $"{target}.{Guid.NewGuid():N}.tmp";
                    try
                    {
                        File.Copy(file.Path, temp);
                        File.Move(temp, target, overwrite: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        File.Delete(temp);
                        throw new DatasetException($"Cannot copy {file.Path} to {target}: {e.Message}. Make {destinationRoot} writable (and give it room for the files), or export into another folder.", e);
                    }
                }

                if (sourceTrust.Find(file.FileName) is { } record)
                {
                    destinationTrust.Record(file.FileName, record);
                }
            }
        }

        return await destination.ResolveAsync(manifest, cancellationToken).ConfigureAwait(false);
    }
}
