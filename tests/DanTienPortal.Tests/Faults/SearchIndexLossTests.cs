using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanTienPortal.Tests.Infrastructure;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// The Lucene index folder deleted, or its files damaged in place, under the running app:
/// searches keep their answers throughout, and the folder is rebuilt without a restart.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class SearchIndexLossTests(SearchIndexPortal portal) : IClassFixture<SearchIndexPortal>
{
    private static readonly string[] Queries = ["khai sinh", "đăng ký kết hôn", "chứng thực bản sao", "hộ kinh doanh"];
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Deleting_the_index_folder_costs_no_answer_and_the_folder_is_rebuilt_within_seconds()
    {
        var (answers, recovered) = await SearchThroughAsync(() => System.IO.Directory.Delete(portal.IndexPath, recursive: true));

        FaultPortal.Report($"index folder deleted: rebuilt and readable again after {recovered.TotalSeconds:F1} s");
        FaultPortal.Report(Figures(answers));
        Assert.Empty(answers.Where(a => !a.Same).Select(a => a.ToString()));
        Assert.Contains("The search index folder", portal.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaging_the_index_files_in_place_costs_no_answer_and_the_index_is_rebuilt_within_seconds()
    {
        var (answers, recovered) = await SearchThroughAsync(DamageFiles);

        FaultPortal.Report($"index files cut short or overwritten: rebuilt and readable again after {recovered.TotalSeconds:F1} s");
        FaultPortal.Report(Figures(answers));
        Assert.Empty(answers.Where(a => !a.Same).Select(a => a.ToString()));
    }

    /// <summary>
    /// Searches continuously while <paramref name="fault"/> strikes, until the folder reads as a
    /// whole index again (and a second more); returns every answer and the time to that point.
    /// </summary>
    private async Task<(List<Answer> Answers, TimeSpan Recovered)> SearchThroughAsync(Action fault)
    {
        using var client = new HttpClient { BaseAddress = portal.Process.Address, Timeout = TimeSpan.FromSeconds(15) };
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var query in Queries)
        {
            expected[query] = await TopHitAsync(client, query);
        }

        var answers = new List<Answer>();
        using var stop = new CancellationTokenSource();
        var searchers = Queries.Select(query => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var took = Stopwatch.StartNew();
                var top = await TopHitAsync(client, query);
                lock (answers)
                {
                    answers.Add(new Answer(query, top, expected[query], took.Elapsed));
                }
            }
        })).ToArray();

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        fault();
        while (!IsWholeIndex(portal.IndexPath))
        {
            Assert.True(clock.Elapsed < RecoveryTimeout, $"The index folder was not rebuilt within {RecoveryTimeout}:\n{portal.Process.Output}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var recovered = clock.Elapsed;
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(searchers);
        return (answers, recovered);
    }

    private static string Figures(List<Answer> answers) =>
        $"{answers.Count} searches answered meanwhile, {answers.Count(a => !a.Same)} differently from before the fault; slowest {answers.Max(a => a.Took).TotalSeconds:F1} s (a search waits for a rebuild under way)";

    /// <summary>The first hit's address, or the HTTP status when the API did not answer 200.</summary>
    private static async Task<string> TopHitAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri($"/api/search?q={Uri.EscapeDataString(query)}", UriKind.Relative), TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return json.GetProperty("hits") is { ValueKind: JsonValueKind.Array } hits && hits.GetArrayLength() > 0
            ? hits[0].GetProperty("url").GetString() ?? ""
            : "no hit";
    }

    /// <summary>Cuts every other file of the folder to half its length and overwrites the rest with noise, in place.</summary>
    private void DamageFiles()
    {
        // All opened first: a search that meets the first damaged file has the app rebuild the
        // folder at once, and the files listed here may be gone before the last is damaged.
        var noise = new Random(20261127);
        var files = System.IO.Directory.GetFiles(portal.IndexPath).Order(StringComparer.Ordinal)
            .Select(file => new FileStream(file, FileMode.Open, FileAccess.Write)).ToList();
        try
        {
            foreach (var (stream, i) in files.Select((f, i) => (f, i)))
            {
                if (i % 2 == 0)
                {
                    stream.SetLength(stream.Length / 2);
                }
                else
                {
                    var bytes = new byte[stream.Length];
                    noise.NextBytes(bytes);
                    stream.Write(bytes);
                }
            }
        }
        finally
        {
            files.ForEach(stream => stream.Dispose());
        }
    }

    /// <summary>Whether the folder reads as a whole index, checksums included, as a restart would read it.</summary>
    private static bool IsWholeIndex(string path)
    {
        try
        {
            using var directory = new NIOFSDirectory(path);
            using var reader = DirectoryReader.Open(directory);
            foreach (var leaf in reader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }

            return reader.NumDocs > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Missing, damaged, or being rewritten by the rebuild: not whole yet.
            return false;
        }
    }

    private sealed record Answer(string Query, string TopHit, string Expected, TimeSpan Took)
    {
        public bool Same => TopHit == Expected;
    }
}

/// <summary>The portal as a process of its own with its search index in a folder, checked every second.</summary>
public sealed class SearchIndexPortal(PostgresServer postgres) : IAsyncLifetime
{
    private readonly string _dataPath = TestFolders.Create("fault-index");
    private string _connectionString = "";

    public string IndexPath => Path.Combine(_dataPath, "lucene");

    public PortalProcess Process { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        Process = PortalProcess.Start(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Portal"] = _connectionString,
            ["Portal__DataPath"] = _dataPath,
            ["Feedback__RunJobs"] = "false",
            ["Search__IndexPath"] = IndexPath,
            ["Search__CheckSeconds"] = "1",
            // Every search reaches the index, none is answered from the results cache.
            ["Search__CacheSeconds"] = "0",
        });
        await Process.WaitUntilHealthyAsync(FaultPortal.StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await postgres.DropDatabaseAsync(_connectionString);
        TestFolders.Delete(_dataPath);
    }
}
