using System.Net;
using System.Net.Sockets;

namespace Repro.Reproduction.Store;

/// <summary>
/// A quick look at whether a mirror's host name resolves, so `repro data list` (which never downloads) can say
/// "no network" instead of only "missing". Name resolution is the cheapest check that tells an offline machine
/// apart; it proves nothing about the download itself, which `repro data fetch` reports on.
/// </summary>
internal static class NetworkProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <returns>Null when some mirror's host resolves, else why none does.</returns>
    public static string? Unreachable(IReadOnlyList<string> mirrors)
    {
        var reasons = new List<string>();
        foreach (var mirror in mirrors)
        {
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (IPAddress.TryParse(uri.Host, out _))
            {
                return null;
            }

            try
            {
                var lookup = Dns.GetHostAddressesAsync(uri.Host);
                if (lookup.Wait(Timeout) && lookup.Result.Length > 0)
                {
                    return null;
                }

                reasons.Add($"{uri.Host} did not resolve within {Timeout.TotalSeconds:0} s");
            }
            catch (AggregateException e) when (e.InnerException is SocketException socket)
            {
                reasons.Add($"cannot resolve {uri.Host}: {socket.Message}");
            }
        }

        return reasons.Count == 0 ? "no mirror" : $"no network ({string.Join("; ", reasons)})";
    }
}
