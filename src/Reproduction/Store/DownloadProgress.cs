using System.Diagnostics;
using System.Globalization;

namespace Repro.Reproduction.Store;

/// <summary>
/// Line-based progress on the log writer (stderr by default), with size and rate. Plain lines, not a redrawn bar,
/// so CI logs and redirected output stay readable.
/// </summary>
internal sealed class DownloadProgress
{
    private const long UnknownLengthStep = 8L << 20;

    private readonly TextWriter _log;
    private readonly string _name;
    private readonly long? _length;
    private readonly long _start;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextReport;

    public DownloadProgress(TextWriter log, string name, Uri url, long? length, long resumedFrom)
    {
        _log = log;
        _name = name;
        _length = length is > 0 ? length : null;
        _start = resumedFrom;
        _nextReport = resumedFrom + Step;
        var resuming = resumedFrom > 0 ? $", resuming at {Size(resumedFrom)}" : string.Empty;
        _log.WriteLine($"Downloading {url} ({(_length is { } l ? Size(l) : "size unknown")}{resuming})");
    }

    private long Step => _length is { } length ? Math.Max(1, length / 10) : UnknownLengthStep;

    public void Report(long received)
    {
        if (received < _nextReport)
        {
            return;
        }

        while (_nextReport <= received)
        {
            _nextReport += Step;
        }

        _log.WriteLine(_length is { } length
            ? $"  {_name}: {Size(received)} of {Size(length)} ({100.0 * received / length:0}%, {Rate(received)})"
            : $"  {_name}: {Size(received)} ({Rate(received)})");
    }

    public void Done(long received) =>
        _log.WriteLine($"  {_name}: {Size(received)} received ({Rate(received)})");

    public static string Size(long bytes) => bytes switch
    {
        < 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MiB"),
    };

    private string Rate(long received)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        return Size((long)((received - _start) / seconds)) + "/s";
    }
}
