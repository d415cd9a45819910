using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Repro.Data.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 with a free port, so downloads go through the real HttpClient and sockets.
/// Each path is given a behaviour; any other path answers 404. Every request path is recorded, with its Range
/// header. The fault behaviours (errors, cut connections, stalls, redirects) are the ones real mirrors show.
/// </summary>
internal sealed class TestHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<(string Path, string? Range)> _ranges = new();
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

    /// <summary>Every request's path and Range header (null when it had none), in arrival order.</summary>
    public IReadOnlyList<(string Path, string? Range)> RequestsWithRange => _ranges.ToArray();

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

    /// <summary>Serves <paramref name="body"/> honouring "Range: bytes=N-" with 206, as real file servers do.</summary>
    public void ServeWithRanges(string path, byte[] body) => _routes[path] = context => WriteRangedAsync(context, body);

    /// <summary>The first request gets the headers for the whole body, <paramref name="cutAfter"/> bytes, then a dropped connection; later ones are served with ranges.</summary>
    public void CutOnceThenServe(string path, byte[] body, int cutAfter)
    {
        var first = 1;
        _routes[path] = async context =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body.AsMemory(0, cutAfter));
                await context.Response.OutputStream.FlushAsync();
                // Give the client time to read what was sent: a reset can discard bytes still unread in its socket.
                await Task.Delay(300);
                context.Response.Abort();
                return;
            }

            await WriteRangedAsync(context, body);
        };
    }

    /// <summary>Answers <paramref name="status"/> to the first <paramref name="failures"/> requests, then serves the body.</summary>
    public void FailThenServe(string path, int status, int failures, byte[] body)
    {
        var left = failures;
        _routes[path] = context => Interlocked.Decrement(ref left) >= 0
            ? WriteAsync(context, status, "try again later"u8.ToArray())
            : WriteAsync(context, 200, body);
    }

    /// <summary>302 to <paramref name="location"/> (a path on this server).</summary>
    public void Redirect(string path, string location) => _routes[path] = context =>
    {
        context.Response.StatusCode = 302;
        context.Response.RedirectLocation = location;
        context.Response.Close();
        return Task.CompletedTask;
    };

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

    private static async Task WriteRangedAsync(HttpListenerContext context, byte[] body)
    {
        var range = context.Request.Headers["Range"];
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-') && long.TryParse(range[6..^1], out var from) && from < body.Length)
        {
            context.Response.StatusCode = 206;
            context.Response.AddHeader("Content-Range", $"bytes {from}-{body.Length - 1}/{body.Length}");
            context.Response.ContentLength64 = body.Length - from;
            await context.Response.OutputStream.WriteAsync(body.AsMemory((int)from));
            context.Response.Close();
            return;
        }

        await WriteAsync(context, 200, body);
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
        _ranges.Enqueue((path, context.Request.Headers["Range"]));
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
