using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The check `repro run` makes before training: a folder that cannot be written, or a disk with
/// too little room, is reported with the folder's name and the fix. Tests run as root, which
/// ignores permission bits, so the unwritable folder is one whose parent is a regular file.
/// </summary>
public class StoragePreflightTests
{
    private string folder = null!;

    [SetUp]
    public void SetUp() => folder = Path.Combine(Path.GetTempPath(), "repro-preflight-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void A_writable_folder_with_room_passes_and_keeps_no_probe_file()
    {
        Assert.That(new StoragePreflight().Problem(folder, "point --results at another folder"), Is.Null);
        Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
    }

    [Test]
    public void A_folder_that_cannot_be_created_is_named_with_the_fix()
    {
        Directory.CreateDirectory(folder);
        var blocker = Path.Combine(folder, "a-file");
        File.WriteAllText(blocker, "");
        var results = Path.Combine(blocker, "results");

        var problem = new StoragePreflight().Problem(results, "point --results at another folder");

        Assert.That(problem, Does.StartWith($"{results} cannot be written ("));
        Assert.That(problem, Does.EndWith("fix its permissions, or point --results at another folder."));
    }

    [Test]
    public void A_disk_with_less_room_than_the_minimum_is_named_with_the_fix()
    {
        var problem = new StoragePreflight(minimumFreeBytes: long.MaxValue).Problem(folder, "point --results at another folder");

        Assert.That(problem, Does.StartWith($"{folder} has "));
        Assert.That(problem, Does.Contain($"MiB free, and a run needs at least {long.MaxValue >> 20} MiB there"));
        Assert.That(problem, Does.EndWith("free space on that disk, or point --results at another folder."));
    }
}
