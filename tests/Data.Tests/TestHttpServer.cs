using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Repro.Data.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 with a free port, so downloads go through the real HttpClient and sockets.
/// Each path is given a behaviour; any other path answers 404. Every request path is recorded.
/// </summary>
internal sealed class TestHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public TestHttpServer()
    {
        // HttpListener cannot bind port 0, so borrow a free port from the OS first; retry on the rare race.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public string BaseAddress => $"http://127.0.0.1:{Port}/";

    public IReadOnlyList<string> Requests => _requests.ToArray();

    public string Mirror(string folder) => $"{BaseAddress}{folder}/";

    public void Serve(string path, byte[] body) => _routes[path] = context => WriteAsync(context, 200, body);

    public void ServeAll(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var (name, bytes) in files)
        {
            Serve($"/{folder}/{name}", bytes);
        }
    }

    public void Respond(string path, Func<HttpListenerContext, CancellationToken, Task> behaviour) =>
        _routes[path] = context => behaviour(context, _stopping.Token);

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stopping.Dispose();
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        _requests.Enqueue(path);
        try
        {
            if (_routes.TryGetValue(path, out var route))
            {
                await route(context);
            }
            else
            {
                await WriteAsync(context, 404, "not found"u8.ToArray());
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client gave up (timeout tests) or the server is stopping; nothing to answer.
        }
    }
}
