namespace Repro.Data.Tests;

/// <summary>
/// Shared fixture of the acquisition tests: a fresh temporary folder (the cache lives in it), a
/// real HTTP server on 127.0.0.1, and a log to assert on; all torn down after each test.
/// </summary>
internal abstract class LoopbackStoreTests
{
    protected TempDirectory _temp = null!;
    protected TestHttpServer _server = null!;
    protected StringWriter _log = null!;

    protected string CacheRoot => Path.Combine(_temp.Path, "cache");

    [SetUp]
    public void SetUpLoopback()
    {
        _temp = new TempDirectory();
        _server = new TestHttpServer();
        _log = new StringWriter();
    }

    [TearDown]
    public void TearDownLoopback()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    /// <summary>A store on this test's cache with short retries, so fault tests stay fast.</summary>
    protected DatasetStore Store(bool offline = false, TimeSpan? timeout = null) =>
        new(CacheRoot, offline, timeout ?? TimeSpan.FromSeconds(20), _log, Fast.Download);
}
