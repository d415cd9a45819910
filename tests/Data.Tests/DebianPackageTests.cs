namespace Repro.Data.Tests;

/// <summary>
/// The Debian-package source for real: `apt-get download python3-sklearn` and `dpkg-deb -x`, without installing.
/// Needs the tools and a reachable package archive; inconclusive (not failed) where either is missing.
/// </summary>
public sealed class DebianPackageTests
{
    [Test]
    public void The_subset_is_unpacked_from_the_downloaded_package_into_the_cache_when_it_is_not_installed()
    {
        Assume.That(OnPath("apt-get") && OnPath("dpkg-deb"), Is.True, "apt-get and dpkg-deb are needed");
        using var temp = new TempDirectory();
        var real = UciDigitsSubsetDataset.Manifest;
        // No system folder and no mirror: the package is the only way to the file.
        var manifest = new DatasetManifest(real.Id, real.Files, [], []) { DebianPackages = real.DebianPackages, SubsetOf = real.SubsetOf };
        var log = new StringWriter();
        var leftovers = TempPackageFolders();

        ResolvedDataset resolved;
        try
        {
            resolved = new DatasetStore(Path.Combine(temp.Path, "cache"), false, TimeSpan.FromSeconds(30), log, Fast.Download).Resolve(manifest);
        }
        catch (DatasetException) when (log.ToString().Contains("apt-get download python3-sklearn failed", StringComparison.Ordinal))
        {
            Assert.Inconclusive($"The package archive is unreachable here:{Environment.NewLine}{log}");
            return;
        }

        var file = resolved[UciDigitsSubsetDataset.SubsetFile];
        Assert.That(file.Source, Is.EqualTo(FileSource.DebianPackage));
        Assert.That(file.Path, Is.EqualTo(Path.Combine(temp.Path, "cache", UciDigitsSubsetDataset.Id, UciDigitsSubsetDataset.SubsetFile)));
        Assert.That(file.Sha256, Is.EqualTo(real.Files[0].Hashes[0].Value));
        Assert.That(file.DownloadedFrom, Does.StartWith("Debian package python3-sklearn_"));
        Assert.That(log.ToString(), Does.Contain("nothing is installed"));
        Assert.That(TempPackageFolders(), Is.EquivalentTo(leftovers), "the unpacking folder is removed");
        Assert.That(UciDigitsDataset.Load(new DatasetStore(Path.Combine(temp.Path, "cache"), offline: true, log: log), manifest).TestCount, Is.EqualTo(1797));
    }

    private static string[] TempPackageFolders() => Directory.GetDirectories(Path.GetTempPath(), "repro-deb-*");

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, tool)));
}
