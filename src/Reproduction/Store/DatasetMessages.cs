using System.Text;

namespace Repro.Reproduction.Store;

/// <summary>
/// The user-facing failure texts, in one place so the store and the command line say the same thing. Each names
/// the file(s), what is wrong, and what to do.
/// </summary>
internal static class DatasetMessages
{
    public static string FetchCommand(DatasetManifest manifest) => $"`./build.sh Data` or `repro data fetch {manifest.Id}`";

    public static string CorruptFiles(DatasetManifest manifest, IReadOnlyList<FileInspection> corrupt)
    {
        var text = new StringBuilder();
        foreach (var file in corrupt)
        {
            text.AppendLine($"Dataset '{manifest.Id}': {file.Path} is corrupt: its SHA-256 is");
            text.AppendLine($"  {file.Sha256}");
            if (file.Reason is { } reason)
            {
                text.AppendLine($"but {reason}");
            }
            else
            {
                text.AppendLine(file.File.Hashes.Count == 1 ? "but the pinned hash is" : "but the pinned hash is one of");
                AppendHashes(text, file.File);
            }
        }

        var these = corrupt.Count == 1 ? "the file" : "these files";
        text.Append($"Delete {these} and run {FetchCommand(manifest)} to fetch {(corrupt.Count == 1 ? "it" : "them")} again.");
        return text.ToString();
    }

    public static string Offline(DatasetManifest manifest, string cacheFolder, IReadOnlyList<DatasetFile> missing, IReadOnlyList<FileInspection> rejected)
    {
        var text = new StringBuilder();
        text.AppendLine($"Dataset '{manifest.Id}' is incomplete and offline mode is on ({DatasetStore.OfflineVariable}=1), so nothing is downloaded. Missing files:");
        foreach (var file in missing)
        {
            text.AppendLine($"  {file.Name}  ({file.PinsText})");
        }

        text.AppendLine($"Looked in the cache folder {cacheFolder}{SystemFoldersClause(manifest)}.");
        foreach (var file in rejected)
        {
            text.AppendLine($"Ignored {file.Path}: its SHA-256 {file.Sha256} matches no pinned hash.");
        }

        text.AppendLine("To fix it, do one of:");
        text.AppendLine($"  - put the files into {cacheFolder}{Path.DirectorySeparatorChar}");
        foreach (var folder in manifest.SystemFolders)
        {
            text.AppendLine($"  - {folder.InstallHint}");
        }

        text.Append($"  - unset {DatasetStore.OfflineVariable} and run {FetchCommand(manifest)}");
        return text.ToString();
    }

    public static string Missing(DatasetManifest manifest, string cacheFolder, IReadOnlyList<DatasetFile> missing, IReadOnlyList<FileInspection> rejected)
    {
        var text = new StringBuilder();
        text.AppendLine($"Dataset '{manifest.Id}' is incomplete. Missing files:");
        foreach (var file in missing)
        {
            text.AppendLine($"  {file.Name}");
        }

        text.AppendLine($"Looked in the cache folder {cacheFolder}{SystemFoldersClause(manifest)}.");
        foreach (var file in rejected)
        {
            text.AppendLine($"Ignored {file.Path}: its SHA-256 {file.Sha256} matches no pinned hash.");
        }

        text.Append($"Run {FetchCommand(manifest)} to fetch them.");
        return text.ToString();
    }

    public static string DownloadFailed(DatasetManifest manifest, DatasetFile file, string cacheFolder, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine($"Could not download {file.Name} of dataset '{manifest.Id}':");
        if (failures.Count == 0)
        {
            text.AppendLine("  the manifest lists no mirrors.");
        }

        foreach (var failure in failures)
        {
            text.AppendLine($"  {failure}");
        }

        text.AppendLine(file.IsTrustOnFirstUse ? "No hash is published for it: the first verified copy's SHA-256 is recorded (trust on first use)." : "Accepted hashes:");
        AppendHashes(text, file);
        text.AppendLine("To fix it, do one of:");
        text.AppendLine("  - check the network connection (and HTTP_PROXY/HTTPS_PROXY behind a proxy) and retry");
        text.AppendLine($"  - put {file.Name} into {cacheFolder}{Path.DirectorySeparatorChar} (it is checked against the hashes above)");
        text.Append(string.Join(Environment.NewLine, manifest.SystemFolders.Select(f => $"  - {f.InstallHint}")));
        return text.ToString().TrimEnd();
    }

    public static string RejectedSystemFile(FileInspection file) =>
        $"warning: ignoring {file.Path}: its SHA-256 {file.Sha256} is not acceptable for {file.File.Name} ({file.Reason ?? "accepted: " + file.File.PinsText}).";

    private static string SystemFoldersClause(DatasetManifest manifest) =>
        manifest.SystemFolders.Count == 0 ? string.Empty : $" and in {string.Join(", ", manifest.SystemFolders.Select(f => f.Path))}";

    private static void AppendHashes(StringBuilder text, DatasetFile file)
    {
        foreach (var hash in file.Hashes)
        {
            text.AppendLine($"  {hash.Display}  ({hash.Provenance})");
        }
    }
}
