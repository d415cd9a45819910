using System.Diagnostics;

namespace Repro.Reproduction.Store;

/// <summary>
/// Gets a dataset file out of a Debian package that is not installed: `apt-get download` into a temporary folder,
/// `dpkg-deb -x` into the same folder, then the one file is checked and copied into the cache. Nothing is
/// installed and no root is needed. Skipped (returns null) where the tools are absent or the package archive is
/// unreachable, so that the mirrors are tried next.
/// </summary>
internal static class DebianPackageExtractor
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    public static ResolvedFile? TryExtract(DatasetManifest manifest, DatasetFile file, string cacheFolder, TrustLock trust, TextWriter log)
    {
        foreach (var source in manifest.DebianPackages.Where(p => p.Files.ContainsKey(file.Name)))
        {
            if (!OnPath("apt-get") || !OnPath("dpkg-deb"))
            {
                log.WriteLine($"  {file.Name}: apt-get or dpkg-deb not found; not unpacking it from the Debian package {source.Package}");
                return null;
            }

            var work = Directory.CreateTempSubdirectory("repro-deb-").FullName;
            try
            {
                log.WriteLine($"Unpacking {file.Name} from the Debian package {source.Package} (apt-get download, dpkg-deb -x; nothing is installed)");
                if (Run("apt-get", ["download", source.Package], work) is { } downloadFailure)
                {
                    log.WriteLine($"  {file.Name}: apt-get download {source.Package} failed: {downloadFailure}");
                    continue;
                }

                var deb = Directory.GetFiles(work, "*.deb").FirstOrDefault();
                var root = Path.Combine(work, "root");
                if (deb is null || Run("dpkg-deb", ["-x", deb, root], work) is not null)
                {
                    log.WriteLine($"  {file.Name}: could not unpack the package {source.Package}");
                    continue;
                }

                var unpacked = Path.Combine(root, source.Files[file.Name].TrimStart('/'));
                var check = FileCheck.Of(file, unpacked, trust);
                if (check.Status != FileStatus.Present)
                {
                    log.WriteLine($"  {file.Name}: {Path.GetFileName(deb)} {(check.Status == FileStatus.Missing ? "does not contain " + source.Files[file.Name] : "holds a copy that fails its check: " + (check.Reason ?? "no pinned hash matches"))}");
                    continue;
                }

                var temp = Path.Combine(cacheFolder, $".{file.Name}.{Guid.NewGuid():N}.partial");
                File.Copy(unpacked, temp);
                var target = Path.Combine(cacheFolder, file.Name);
                File.Move(temp, target, overwrite: true);
                var origin = $"Debian package {Path.GetFileName(deb)}";
                var match = check.Match!;
                if (check.Unrecorded)
                {
                    var record = new TrustRecord(check.Hashes!.Sha256, check.Hashes.Size, DateTimeOffset.UtcNow, origin);
                    trust.Record(file.Name, record);
                    match = FileCheck.PinFrom(record, trust);
                }

                log.WriteLine($"  {file.Name}: saved to {target} ({check.Trust})");
                return new ResolvedFile(file.Name, target, check.Hashes!.Sha256, FileSource.DebianPackage, match, origin);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        return null;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));

    /// <summary>Null on success, else the tool's complaint.</summary>
    private static string? Run(string tool, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DatasetException($"Cannot start {tool}.");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(ToolTimeout))
        {
            process.Kill(entireProcessTree: true);
            return $"did not finish within {ToolTimeout.TotalMinutes:0} minutes";
        }

        return process.ExitCode == 0 ? null : $"exit code {process.ExitCode}: {error.Result.Trim()}";
    }
}
