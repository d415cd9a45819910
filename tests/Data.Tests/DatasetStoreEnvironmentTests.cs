namespace Repro.Data.Tests;

public sealed class DatasetStoreEnvironmentTests
{
    [Test]
    public void REPRO_DATA_sets_the_cache_root_and_the_dataset_folder_is_below_it()
    {
        var store = DatasetStore.FromEnvironment(Env(("REPRO_DATA", "/data/repro"), ("XDG_CACHE_HOME", "/xdg")), TextWriter.Null);

        Assert.That(store.CacheRoot, Is.EqualTo("/data/repro"));
        Assert.That(store.CacheFolder(FashionMnistDataset.Manifest), Is.EqualTo("/data/repro/fashion-mnist"));
        Assert.That(store.Offline, Is.False);
    }

    [Test]
    public void XDG_CACHE_HOME_is_used_when_REPRO_DATA_is_unset()
    {
        Assert.That(DatasetStore.CacheRootFromEnvironment(Env(("XDG_CACHE_HOME", "/xdg"))), Is.EqualTo("/xdg/repro"));
    }

    [Test]
    public void A_relative_XDG_CACHE_HOME_is_ignored_as_the_spec_says()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.That(DatasetStore.CacheRootFromEnvironment(Env(("XDG_CACHE_HOME", "relative"))), Is.EqualTo(Path.Combine(home, ".cache", "repro")));
    }

    [Test]
    public void The_default_is_the_users_cache_folder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.That(DatasetStore.CacheRootFromEnvironment(Env()), Is.EqualTo(Path.Combine(home, ".cache", "repro")));
    }

    [TestCase("1", true)]
    [TestCase("true", true)]
    [TestCase("0", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void REPRO_OFFLINE_switches_downloads_off(string? value, bool offline)
    {
        var store = DatasetStore.FromEnvironment(Env(("REPRO_DATA", "/data"), ("REPRO_OFFLINE", value)), TextWriter.Null);

        Assert.That(store.Offline, Is.EqualTo(offline));
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
