using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DanTienPortal.Web.Data.LocalCluster;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// <c>pages [seconds] [rate]</c>: the public pages under load, against nginx serving a saved copy
/// of the same answers on the same machine in the same run. For each page, with and without
/// gzip: requests per second with wrk (closed loop, as fast as each server goes) and the CPU time
/// each server spent per request, then latency at a constant rate both servers sustain, then the
/// portal's resident memory. A second portal that logs every request shows what that log costs,
/// and a bare ASP.NET Core server (Kestrel and the output cache alone) serving the same answers
/// shows what the framework itself costs, so that the portal's own share is seen apart.
/// </summary>
public static class PagesBenchmark
{
    private const string Gzip = "gzip";
    private const string Identity = "none";

    /// <summary>The home page, a procedure and a search; the slug is a real file of <c>content/procedures/</c>.</summary>
    private static readonly string[] Paths = ["/", "/thu-tuc/dang-ky-khai-sinh", "/tim-kiem?q=khai+sinh"];

    private static readonly string[] Encodings = [Identity, Gzip];

    public static void Run(string repo, PostgresCluster cluster, string work, int seconds, int rate)
    {
        Shell.EnsureInstalled("/usr/bin/wrk", "wrk");
        Shell.EnsureInstalled(Nginx.Binary, "nginx");

        cluster.EnsureDatabase("pages");
        // Production settings: the access log of every request is nginx's (in front in production, and
        // here logging too); the portal logs server errors and slow answers only.
        using var app = PortalApp.Start(repo, cluster.ConnectionString("pages"), FreePort(),
            new() { ["Logging__LogLevel__DanTienPortal.Web.Web.RequestLogMiddleware"] = "Warning" });
        // Healthy first, so that its migrations are applied before the second one starts: two at once on a fresh database collide.
        app.WaitUntilHealthy();
        // The same logging every request (Development's setting, or a portal with no proxy in front), to show what that costs.
        using var logged = PortalApp.Start(repo, cluster.ConnectionString("pages"), FreePort(),
            new() { ["Logging__LogLevel__DanTienPortal.Web.Web.RequestLogMiddleware"] = "Information" });
        logged.WaitUntilHealthy();
        var pages = Paths.Select(p => Save(app.Address, p)).ToList();
        var memoryAtStart = app.WorkingSetMiB();
        using var nginx = Nginx.Start(Path.Combine(work, "nginx"), FreePort(), pages, accessLog: true);
        using var bare = BareServer.Start(Path.Combine(work, "bare"), FreePort(), pages);
        foreach (var page in pages)
        {
            VerifySame(nginx.Address, page, "nginx");
            VerifySame(bare.Address, page, "The bare ASP.NET Core server");
            // The apps' code is compiled to its final tier only after it has run a while.
            foreach (var encoding in Encodings)
            {
                Wrk(app.Address, app.ProcessId, page, encoding, 3);
                Wrk(logged.Address, logged.ProcessId, page, encoding, 3);
                Wrk(bare.Address, bare.ProcessId, page, encoding, 3);
            }
        }

        Console.WriteLine($"# Public pages under load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"wrk -t2 -c32 -d{seconds}s on loopback after 2 s of warm-up (and 5 s of each page and encoding on each ASP.NET Core server first), the portal (production settings), nginx, the bare ASP.NET Core server and the portal logging every request in turn for each page; " +
            $"latency: {rate} requests/s for {seconds} s after 1 s of warm-up. gzip: `Accept-Encoding: gzip`; none: no such header.");
        Console.WriteLine();
        Console.WriteLine("| page | gzip | bytes | portal req/s | nginx req/s | ratio | bare ASP.NET Core req/s | ratio | portal ÷ bare | every request logged: req/s | ratio | CPU µs/req: portal | bare | every request logged | nginx |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var page in pages)
        {
            foreach (var encoding in Encodings)
            {
                var bytes = encoding == Gzip ? page.Gzip.Length : page.Body.Length;
                var portal = Wrk(app.Address, app.ProcessId, page, encoding, seconds);
                var reference = Wrk(nginx.Address, nginx.ProcessId, page, encoding, seconds);
                var floor = Wrk(bare.Address, bare.ProcessId, page, encoding, seconds);
                var verbose = Wrk(logged.Address, logged.ProcessId, page, encoding, seconds);
                Console.WriteLine($"| `{page.PathAndQuery}` | {encoding} | {bytes:N0} | {portal.Rate:F0} | {reference.Rate:F0} | {portal.Rate / reference.Rate:F2}× " +
                    $"| {floor.Rate:F0} | {floor.Rate / reference.Rate:F2}× | {portal.Rate / floor.Rate:F2}× " +
                    $"| {verbose.Rate:F0} | {verbose.Rate / reference.Rate:F2}× | {portal.CpuMicroseconds:F1} | {floor.CpuMicroseconds:F1} | {verbose.CpuMicroseconds:F1} | {reference.CpuMicroseconds:F1} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| page | gzip | portal p50 (ms) | portal p99 (ms) | nginx p50 (ms) | nginx p99 (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var notes = new List<string>();
        foreach (var page in pages)
        {
            foreach (var encoding in Encodings)
            {
                var headers = encoding == Gzip ? new Dictionary<string, string> { ["Accept-Encoding"] = Gzip } : [];
                var portal = ConstantRateLoad.Run(new Uri(app.Address, page.PathAndQuery), rate, TimeSpan.FromSeconds(seconds), headers);
                var reference = ConstantRateLoad.Run(new Uri(nginx.Address, page.PathAndQuery), rate, TimeSpan.FromSeconds(seconds), headers);
                Console.WriteLine($"| `{page.PathAndQuery}` | {encoding} | {portal.P50:F3} | {portal.P99:F3} | {reference.P50:F3} | {reference.P99:F3} |");
                // Failures, or a generator that could not keep its rate for more than 1% of the requests, make a row suspect.
                notes.AddRange(new[] { (Server: "portal", Latency: portal), (Server: "nginx", Latency: reference) }
                    .Where(r => r.Latency.Failed > 0 || r.Latency.LateSends > r.Latency.Sent / 100)
                    .Select(r => $"{r.Server} `{page.PathAndQuery}` {encoding}: {r.Latency.Failed} of {r.Latency.Sent} failed, {r.Latency.LateSends} sent more than 5 ms late"));
            }
        }

        Console.WriteLine();
        foreach (var note in notes)
        {
            Console.WriteLine($"Note: {note}");
        }

        Console.WriteLine($"Portal resident memory: {memoryAtStart:F0} MiB after start, {app.WorkingSetMiB():F0} MiB after the run.");
        app.Stop();
        logged.Stop();
    }

    /// <summary>The portal's answer to <paramref name="pathAndQuery"/>, without and with gzip, after a first request that fills its caches.</summary>
    private static SavedPage Save(Uri app, string pathAndQuery)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false });
        var url = new Uri(app, pathAndQuery);
        client.GetAsync(url).Result.EnsureSuccessStatusCode().Dispose();
        using var plain = client.GetAsync(url).Result.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Accept-Encoding", Gzip } } };
        using var gzip = client.Send(request).EnsureSuccessStatusCode();
        if (!gzip.Content.Headers.ContentEncoding.Contains(Gzip))
        {
            throw new InvalidOperationException($"The portal did not compress {pathAndQuery}.");
        }

        var headers = plain.Headers.Concat(plain.Content.Headers)
            .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))
            .ToList();
        return new SavedPage(pathAndQuery, plain.Content.Headers.ContentType!.ToString(), headers,
            plain.Content.ReadAsByteArrayAsync().Result, gzip.Content.ReadAsByteArrayAsync().Result);
    }

    /// <summary>Fails the run unless a reference server answers with exactly the bytes the portal sent.</summary>
    private static void VerifySame(Uri server, SavedPage page, string name)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        using var plain = client.GetAsync(new Uri(server, page.PathAndQuery)).Result.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, page.PathAndQuery)) { Headers = { { "Accept-Encoding", Gzip } } };
        using var gzip = client.Send(request).EnsureSuccessStatusCode();
        if (!plain.Content.ReadAsByteArrayAsync().Result.SequenceEqual(page.Body) || !gzip.Content.ReadAsByteArrayAsync().Result.SequenceEqual(page.Gzip)
            || plain.Content.Headers.ContentType?.ToString() != page.ContentType)
        {
            throw new InvalidOperationException($"{name} does not serve the portal's bytes for {page.PathAndQuery}.");
        }
    }

    /// <summary>
    /// Requests per second of one page with wrk, after a warm-up, and the CPU time the server
    /// process <paramref name="pid"/> (with its children) spent per request meanwhile.
    /// </summary>
    private static (double Rate, double CpuMicroseconds) Wrk(Uri server, int pid, SavedPage page, string encoding, int seconds)
    {
        var header = encoding == Gzip ? $"-H \"Accept-Encoding: {Gzip}\" " : "";
        var url = new Uri(server, page.PathAndQuery);
        Shell.Run("wrk", $"-t2 -c32 -d2s {header}{url}");
        var cpu = ProcessCpu.Of(pid);
        var output = Shell.Run("wrk", $"-t2 -c32 -d{seconds}s {header}{url}");
        cpu = ProcessCpu.Of(pid) - cpu;
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        if (lines.FirstOrDefault(l => l.StartsWith("Non-2xx", StringComparison.Ordinal) || l.StartsWith("Socket errors", StringComparison.Ordinal)) is { } problem)
        {
            throw new InvalidOperationException($"wrk on {url}: {problem}");
        }

        // "123456 requests in 15.00s, 1.23GB read" and "Requests/sec:  8230.40"
        var requests = lines.FirstOrDefault(l => l.Contains(" requests in ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no count:\n{output}");
        var rate = lines.FirstOrDefault(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no rate:\n{output}");
        var count = double.Parse(requests.Split(' ')[0], CultureInfo.InvariantCulture);
        return (double.Parse(rate.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture), cpu.TotalMicroseconds / count);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
