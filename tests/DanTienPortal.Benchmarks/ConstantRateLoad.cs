using System.Diagnostics;
using System.Net;

namespace DanTienPortal.Benchmarks;

/// <summary>Latency of requests sent at a constant rate, in milliseconds; <see cref="Failed"/> counts errors and non-2xx answers.</summary>
public sealed record RateLatency(double P50, double P99, double Max, int Sent, int Failed, int LateSends);

/// <summary>
/// An open-loop load generator, as wrk2 is (Debian does not package wrk2): it sends requests at a
/// constant rate whatever the server does, so a slow answer cannot hold back the requests behind
/// it and hide its cost (wrk, closed-loop, waits for each answer before the next request and so
/// measures how fast the server is, not how long a visitor waits).
/// </summary>
/// <remarks>
/// A scheduler thread wakes about every millisecond and starts every request whose time has come
/// (the i-th at <c>start + i / rate</c>); each request's latency runs from that start to the last
/// byte of its body, including any wait for a free connection, which is where a slow server's
/// queue shows. Requests started more than <see cref="LateThreshold"/> after their time are counted:
/// when there are many, the generator itself could not keep the rate and the figures are suspect.
/// </remarks>
public static class ConstantRateLoad
{
    private static readonly TimeSpan LateThreshold = TimeSpan.FromMilliseconds(5);

    public static RateLatency Run(Uri url, int rate, TimeSpan duration, IReadOnlyDictionary<string, string> headers, int connections = 64)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        // The first second opens the connections and is not counted.
        Send(client, url, rate, TimeSpan.FromSeconds(1), headers);
        return Send(client, url, rate, duration, headers);
    }

    private static RateLatency Send(HttpClient client, Uri url, int rate, TimeSpan duration, IReadOnlyDictionary<string, string> headers)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var requests = new Task[total];
        var late = 0;
        var start = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < total)
        {
            var now = Stopwatch.GetElapsedTime(start);
            var due = Math.Min(total, (int)(now.TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                if (now - TimeSpan.FromSeconds((double)sent / rate) > LateThreshold)
                {
                    late++;
                }

                requests[sent] = Request(client, url, headers, latencies, sent);
            }

            Thread.Sleep(1);
        }

        Task.WaitAll(requests);
        var ok = latencies.Where(l => !double.IsNaN(l)).Order().ToArray();
        return new RateLatency(Percentile(ok, 0.50), Percentile(ok, 0.99), ok.Length > 0 ? ok[^1] : double.NaN, total, total - ok.Length, late);
    }

    private static async Task Request(HttpClient client, Uri url, IReadOnlyDictionary<string, string> headers, double[] latencies, int index)
    {
        var begin = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            latencies[index] = response.IsSuccessStatusCode ? Stopwatch.GetElapsedTime(begin).TotalMilliseconds : double.NaN;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            latencies[index] = double.NaN;
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
