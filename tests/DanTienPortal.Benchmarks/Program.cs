using System.Globalization;
using DanTienPortal.Benchmarks;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data.LocalCluster;
using DanTienPortal.Web.Hosting;
using DanTienPortal.Web.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

// dotnet run -c Release --project tests/DanTienPortal.Benchmarks -- search [documents] [--lucene-only] [--slowest]
// dotnet run -c Release --project tests/DanTienPortal.Benchmarks -- http [seconds]
// dotnet run -c Release --project tests/DanTienPortal.Benchmarks -- pages [seconds] [rate]
// dotnet run -c Release --project tests/DanTienPortal.Benchmarks -- submit [seconds] [--attachments] [--clients N]
// dotnet run -c Release --project tests/DanTienPortal.Benchmarks -- growth [cases]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// The reference server the pages benchmark starts as a process of its own (BareServer.Start).
if (args is [BareServer.Command, var barePort, var barePages])
{
    BareServer.Serve(int.Parse(barePort, CultureInfo.InvariantCulture), barePages);
    return 0;
}

var repo = PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run from the repository.");
var contentPath = Path.Combine(repo, "content");
var cases = RelevanceCase.Load(Path.Combine(repo, "tests", "DanTienPortal.Tests", "Search", "relevance.tsv"));
var work = Path.Combine(Path.GetTempPath(), $"dantien-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);
var fast = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off", ["shared_buffers"] = "'256MB'" };
using var cluster = PostgresCluster.Start(Path.Combine(work, "pg"), fast);

try
{
    switch (args.FirstOrDefault() ?? "search")
    {
        case "search":
            SearchBenchmark(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000, withPostgres: !args.Contains("--lucene-only"));
            break;
        case "http":
            HttpBenchmark(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15);
            break;
        case "pages":
            PagesBenchmark.Run(repo, cluster, work, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000);
            break;
        case "submit":
            SubmitBenchmark.Run(repo, cluster, work, args[1..]);
            break;
        case "growth":
            GrowthBenchmark.Run(repo, cluster, work, args[1..]);
            break;
        default:
            Console.Error.WriteLine("usage: search [documents] | http [seconds] | pages [seconds] [rate] | submit [seconds] [--attachments] [--clients N] | growth [cases]");
            return 2;
    }
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
{
    // Reported here, so that the cluster below is stopped: an unhandled exception would skip it.
    Console.Error.WriteLine(e);
    return 1;
}
finally
{
    cluster.Stop();
    Directory.Delete(work, recursive: true);
}

return 0;

void SearchBenchmark(int syntheticCount, bool withPostgres)
{
    Console.WriteLine($"# Search benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    Console.WriteLine($"Relevance set: {cases.Count} queries. Latency: every query of the set, 20 rounds after 10 warm-up rounds.");
    Console.WriteLine();

    var content = new ContentStore(new ContentLoader(new MarkdownRenderer(), TimeProvider.System),
        Options.Create(new PortalOptions { ContentPath = contentPath }), NullLogger<ContentStore>.Instance);
    var options = Options.Create(new SearchOptions());
    using var index = new SearchIndex(content, options, NullLogger<SearchIndex>.Instance);
    var indexReal = Measure.Time(() => index.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
    var service = new SearchService(index, content, options, TimeProvider.System);
    var real = index.Documents;

    cluster.EnsureDatabase("bench");
    using var postgres = new PostgresSearch(NpgsqlDataSource.Create(cluster.ConnectionString("bench")));
    var loadReal = withPostgres ? postgres.Load(real) : 0;

    var queries = cases.Select(c => c.Query).ToList();
    List<string> Lucene(string q) => service.Search(new SearchRequest(q)).Hits.Select(h => h.Url).ToList();
    var rows = new List<string[]>();
    // Recall is measured on the real pages only: in the larger corpus, variants of a page compete with it by design.
    void Engines(int count, double luceneMs, double postgresMs, bool recall)
    {
        double? Recall(Func<string, IReadOnlyList<string>> search) => recall ? RelevanceCase.RecallAt3(cases, search) : null;
        rows.Add(Row("Lucene.Net (this portal)", count, luceneMs, Latency.Of(queries, q => Lucene(q), 20), Recall(Lucene)));
        if (withPostgres)
        {
            rows.Add(Row("PostgreSQL FTS, all words", count, postgresMs, Latency.Of(queries, q => postgres.Search(q, false), 20), Recall(q => postgres.Search(q, false))));
            rows.Add(Row("PostgreSQL FTS, any word", count, postgresMs, Latency.Of(queries, q => postgres.Search(q, true), 20), Recall(q => postgres.Search(q, true))));
            rows.Add(Row("PostgreSQL FTS, all words, whole answer", count, postgresMs, Latency.Of(queries, q => postgres.SearchWithPage(q), 20), Recall(postgres.SearchWithPage)));
        }
    }

    Engines(real.Count, indexReal, loadReal, recall: true);
    var synthetic = SyntheticCorpus.Generate(real, syntheticCount);
    var indexSynthetic = Measure.Time(() => index.ReplaceSource("synthetic", synthetic));
    var all = index.Documents;
    Engines(all.Count, indexSynthetic, withPostgres ? postgres.Load(all) : 0, recall: false);
    // As a node goes on after it started: articles published one at a time, each a small segment of its own until merged.
    var published = synthetic.ToList();
    var oneAtATime = Enumerable.Range(0, 20).Select(i =>
    {
        published.Add(real[i % real.Count] with { Id = $"published:{i}", Url = $"/tin-tuc/bai-{i}", Type = SearchTypes.News });
        return Measure.Time(() => index.ReplaceSource("synthetic", published));
    }).Order().ToList();
    rows.Add(Row("Lucene.Net, then 20 documents added one at a time (indexing: median of the 20)", index.Documents.Count, oneAtATime[oneAtATime.Count / 2],
        Latency.Of(queries, q => Lucene(q), 20), null));
    if (args.Contains("--slowest"))
    {
        Console.WriteLine("Slowest queries at this size (median of 20 runs, ms, matches, allocated):");
        foreach (var (query, ms) in queries.Select(q => (q, Latency.Of([q], q => Lucene(q), 20, 3).P50)).OrderByDescending(x => x.Item2).Take(15))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var total = service.Search(new SearchRequest(query)).Total;
            Console.WriteLine($"  {ms:F3}  {total,6}  {(GC.GetAllocatedBytesForCurrentThread() - before) / 1024,5} KB  {query}");
        }

        Console.WriteLine();
    }

    Console.WriteLine("| engine | documents | indexing (ms) | p50 (ms) | p95 (ms) | max (ms) | recall@3 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var row in rows)
    {
        Console.WriteLine($"| {string.Join(" | ", row)} |");
    }
}

static string[] Row(string engine, int documents, double indexMs, Latency latency, double? recall) =>
[
    engine, documents.ToString("N0", CultureInfo.InvariantCulture), indexMs.ToString("F0", CultureInfo.InvariantCulture),
    latency.P50.ToString("F3", CultureInfo.InvariantCulture), latency.P95.ToString("F3", CultureInfo.InvariantCulture),
    latency.Max.ToString("F2", CultureInfo.InvariantCulture), recall?.ToString("P1", CultureInfo.InvariantCulture) ?? "—",
];

void HttpBenchmark(int seconds)
{
    Shell.EnsureInstalled("/usr/bin/wrk", "wrk");

    var script = Path.Combine(work, "queries.lua");
    File.WriteAllText(script, "local q = {" + string.Join(",", cases.Select(c => $"\"{Uri.EscapeDataString(c.Query)}\"")) + "}\n" +
        "local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", wrk.path .. q[(i % #q) + 1])\nend\n");
    Console.WriteLine($"# HTTP benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores: wrk -t2 -c32 -d{seconds}s on loopback, rotating the {cases.Count} relevance queries");
    Console.WriteLine();
    Console.WriteLine("| endpoint | results cache | requests/s | latency p50 | p99 |");
    Console.WriteLine("|---|---|---:|---:|---:|");
    foreach (var cacheSeconds in new[] { 600, 0 })
    {
        cluster.EnsureDatabase("http");
        var port = 5090 + Random.Shared.Next(400);
        using var app = PortalApp.Start(repo, cluster.ConnectionString("http"), port, new() { ["Search__CacheSeconds"] = cacheSeconds.ToString(CultureInfo.InvariantCulture) });
        try
        {
            app.WaitUntilHealthy();

            foreach (var path in new[] { "/api/search?q=", "/tim-kiem?q=" })
            {
                Shell.Run("wrk", $"-t2 -c32 -d2s -s {script} http://127.0.0.1:{port}{path}");
                var output = Shell.Run("wrk", $"-t2 -c32 -d{seconds}s --latency -s {script} http://127.0.0.1:{port}{path}");
                string Find(string prefix) => output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "?";
                Console.WriteLine($"| `{path}…` | {(cacheSeconds > 0 ? "on (default)" : "off")} | {Find("Requests/sec:")} | {Find("50%")} | {Find("99%")} |");
            }
        }
        finally
        {
            app.Stop();
        }
    }
}
