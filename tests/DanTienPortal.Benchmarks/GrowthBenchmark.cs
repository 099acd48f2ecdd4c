using System.Diagnostics;
using System.Globalization;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data.LocalCluster;
using DanTienPortal.Web.Hosting;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// <c>growth [cases]</c>: what pages, search and a submission cost at the shipped size and at 10×
/// and 100× the documents (published news posts in the database) and the cases (default 2,400,
/// two years of a busy commune), each measured as the median of sequential requests to the
/// portal's Release build restarted on the grown database.
/// </summary>
public static class GrowthBenchmark
{
    private const int DefaultCases = 2_400;
    private static readonly int[] Factors = [1, 10, 100];

    public static void Run(string repo, PostgresCluster cluster, string work, string[] args)
    {
        var baselineCases = args.Select(a => int.TryParse(a, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0, DefaultCases);
        using var content = new ContentStore(new ContentLoader(new MarkdownRenderer(), TimeProvider.System),
            Options.Create(new PortalOptions { ContentPath = Path.Combine(repo, "content") }), NullLogger<ContentStore>.Instance);
        var site = content.Current;
        var real = ContentDocuments.From(site).ToList();
        var queries = RelevanceCase.Load(Path.Combine(repo, "tests", "DanTienPortal.Tests", "Search", "relevance.tsv")).Select(c => c.Query).ToList();
        var procedure = site.Procedures[0].Slug;

        const string database = "growth";
        cluster.EnsureDatabase(database);
        var connectionString = cluster.ConnectionString(database);
        PortalApp.RunCommand(repo, connectionString, "migrate");
        var email = "quan-tri@dantien.test";
        var password = PortalApp.RunCommand(repo, connectionString, "create-admin", email, "Quản trị")
            .Split('\n').Single(l => l.Contains("Mật khẩu", StringComparison.Ordinal)).Split(": ")[^1].Trim();

        using var dataSource = NpgsqlDataSource.Create(connectionString);
        var data = new GrowthData(dataSource, site, DateTimeOffset.UtcNow);
        var news = new List<SearchDocument>();
        var columns = new List<Column>();
        Console.WriteLine($"# Growth benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {CpuMeter.LoadAverage()}");
        foreach (var factor in Factors)
        {
            var documents = real.Count * factor;
            var load = Measure.Time(() =>
            {
                news.AddRange(data.AddNews(real, documents - real.Count - news.Count, news.Count));
                data.AddCases((int)((baselineCases * factor) - Count(dataSource, "feedback_cases")));
                Execute(dataSource, "VACUUM ANALYZE");
            });
            var cases = Count(dataSource, "feedback_cases");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{factor}×: {documents:N0} documents, {cases:N0} cases, {Count(dataSource, "case_events"):N0} events, {Count(dataSource, "outbox_messages"):N0} e-mails; written in {load / 1000:F0} s"));
            columns.Add(MeasureAt(repo, work, connectionString, content, news, queries, procedure, email, password) with { Cases = cases });
        }

        Console.WriteLine();
        Console.WriteLine($"Median of sequential requests, ms (search: the {queries.Count} relevance queries in turn, results cache off; inbox: an administrator's, every department; submission: form and post).");
        Console.WriteLine();
        Console.WriteLine($"| | {string.Join(" | ", Factors.Select(f => $"{f}×"))} |");
        Console.WriteLine($"|---|{string.Concat(Factors.Select(_ => "---:|"))}");
        void Line(string name, Func<Column, string> cell) => Console.WriteLine($"| {name} | {string.Join(" | ", columns.Select(cell))} |");
        Line("documents in search", c => c.Documents.ToString("N0", CultureInfo.InvariantCulture));
        Line("cases", c => c.Cases.ToString("N0", CultureInfo.InvariantCulture));
        Line("search index build (ms)", c => c.IndexMs.ToString("F0", CultureInfo.InvariantCulture));
        Line("search index: one post published, edited, withdrawn (ms)", c => string.Join(" / ", c.ChangeMs.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture))));
        Line("app start until every post is served (s)", c => (c.StartMs / 1000).ToString("F1", CultureInfo.InvariantCulture));
        foreach (var page in columns[0].Pages.Keys)
        {
            Line(page, c => c.Pages[page].ToString("F2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The figures at one size.</summary>
    private sealed record Column(int Documents, long Cases, double IndexMs, double[] ChangeMs, double StartMs, Dictionary<string, double> Pages);

    private static Column MeasureAt(string repo, string work, string connectionString, ContentStore content, List<SearchDocument> news,
        List<string> queries, string procedure, string email, string password)
    {
        using var index = new SearchIndex(content, Options.Create(new SearchOptions()), NullLogger<SearchIndex>.Instance);
        var indexMs = Measure.Time(() =>
        {
            index.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            index.ReplaceSource(NewsCatalog.SearchSource, news);
        });
        var documents = index.Documents.Count;
        // What each node does when one post changes: the news catalogue gives search every public post again.
        var template = index.Documents.First(d => d.Type == SearchTypes.News);
        var post = template with { Id = $"{NewsCatalog.SearchSource}:published", Url = "/tin-tuc/bai-moi", Title = $"{template.Title} (bài mới)" };
        var edited = post with { Body = $"{post.Body} Bổ sung: lịch tiếp công dân thay đổi." };
        var changeMs = new[]
        {
            Measure.Time(() => index.ReplaceSource(NewsCatalog.SearchSource, [.. news, post])),
            Measure.Time(() => index.ReplaceSource(NewsCatalog.SearchSource, [.. news, edited])),
            Measure.Time(() => index.ReplaceSource(NewsCatalog.SearchSource, news)),
        };

        var port = 5090 + Random.Shared.Next(400);
        var started = Stopwatch.GetTimestamp();
        using var app = PortalApp.Start(repo, connectionString, port, new()
        {
            ["Search__CacheSeconds"] = "0",
            ["Feedback__SubmissionsPerWindow"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            // The retention and digest jobs would run at start; they are not what is measured.
            ["Feedback__RunJobs"] = "false",
            ["Mail__PickupDirectory"] = Path.Combine(work, "mail"),
        });
        try
        {
            app.WaitUntilHealthy();
            using var browser = new TimedBrowser(app.Address);
            var lastNewsPage = $"/tin-tuc?trang={(content.Current.News.Count + news.Count + 9) / 10}";
            while (!browser.Answers(lastNewsPage) && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(100);
            }

            var startMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            browser.SignIn(email, password);
            var budget = TimeSpan.FromSeconds(15);
            using var citizen = new SimulatedCitizen(app.Address);
            var body = SubmissionBody.With([]);
            Dictionary<string, double> Pages() => new()
            {
                ["home page `/`"] = TimedBrowser.Median(_ => browser.Get("/"), 50, 300, budget),
                ["procedure page"] = TimedBrowser.Median(_ => browser.Get($"/thu-tuc/{procedure}"), 50, 300, budget),
                ["search `/tim-kiem`"] = TimedBrowser.Median(i => browser.Get($"/tim-kiem?q={Uri.EscapeDataString(queries[i % queries.Count])}"), queries.Count, queries.Count * 2, budget),
                ["news list `/tin-tuc`"] = TimedBrowser.Median(_ => browser.Get("/tin-tuc"), 50, 300, budget),
                ["staff inbox `/can-bo/phan-anh`"] = TimedBrowser.Median(_ => browser.Get("/can-bo/phan-anh"), 20, 200, budget),
                ["statistics `/thong-ke`"] = TimedBrowser.Median(_ => browser.Get("/thong-ke"), 20, 200, budget),
                ["submission (form + post)"] = TimedBrowser.Median(_ => Submit(citizen, body), 30, 200, budget),
            };

            // Twice: the first round only warms up. A freshly started app runs each page's code
            // unoptimised at first, and tier-up waits while new code keeps being compiled, so the
            // first figures are mostly the JIT's (search at 10× read 4.5–5.5 ms then, 1 ms after).
            Pages();
            var pages = Pages();
            return new Column(documents, 0, indexMs, changeMs, startMs, pages);
        }
        finally
        {
            app.Stop();
        }
    }

    private static double Submit(SimulatedCitizen citizen, SubmissionBody body)
    {
        var outcome = citizen.SubmitAsync(body, CancellationToken.None).GetAwaiter().GetResult();
        return outcome.Acknowledged ? outcome.FormMs + outcome.SubmitMs : throw new InvalidOperationException($"A submission was not acknowledged ({outcome.Status}).");
    }

    private static long Count(NpgsqlDataSource dataSource, string table)
    {
        using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlDataSource dataSource, string sql)
    {
        using var command = dataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }
}
