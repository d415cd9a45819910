using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Records every attempt of this process to use the network while it lives, from .NET's own telemetry: host-name
/// lookups, socket connects and HTTP requests. Counting attempts, not timing, tells "never asked the network" apart
/// from "asked, and the answer came fast".
/// </summary>
internal sealed class NetworkAttempts : EventListener
{
    // Event source → the event that starts one attempt.
    private static readonly Dictionary<string, string> Starts = new(StringComparer.Ordinal)
    {
        ["System.Net.NameResolution"] = "ResolutionStart",
        ["System.Net.Sockets"] = "ConnectStart",
        ["System.Net.Http"] = "RequestStart",
    };

    // Initialised before the base constructor, which already reports the event sources that exist.
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>"source event payload…", one per attempt.</summary>
    public IReadOnlyCollection<string> Seen => _seen;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (Starts.ContainsKey(eventSource.Name)) EnableEvents(eventSource, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (Starts.TryGetValue(eventData.EventSource.Name, out var start) && eventData.EventName == start)
            _seen.Enqueue($"{eventData.EventSource.Name} {eventData.EventName} {string.Join(" ", eventData.Payload ?? [])}");
    }
}
