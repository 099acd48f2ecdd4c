using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Search;
using Xunit.Sdk;

namespace DanTienPortal.Tests.Search;

/// <summary>
/// Queries as citizens type them (accents or none, everyday words, typos, keyboard leftovers),
/// each with the page that must be among the first three results.
/// </summary>
public sealed class RelevanceTests : IClassFixture<RelevanceTests.Engine>
{
    private readonly SearchService _search;

    public RelevanceTests(Engine engine) => _search = engine.Search.Service;

    public static IReadOnlyList<(string Query, string[] Expected)> Cases { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Search", "relevance.tsv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line.Split('\t'))
        .Select(parts => (parts[0], parts[1].Split('|')))
        .ToList();

    [Fact]
    public void The_set_is_large_and_varied_enough_to_mean_something()
    {
        Assert.True(Cases.Count >= 80, $"{Cases.Count} cases");
        Assert.True(Cases.Count(c => !VietnameseText.HasDiacritics(c.Query)) >= 30);
        Assert.True(Cases.Count(c => VietnameseText.HasDiacritics(c.Query)) >= 30);
        Assert.Equal(Cases.Count, Cases.Select(c => c.Query).Distinct().Count());
    }

    [Fact]
    public void Recall_at_3_is_at_least_95_percent()
    {
        var misses = new List<string>();
        foreach (var (query, expected) in Cases)
        {
            var top3 = _search.Search(new SearchRequest(query)).Hits.Take(3).Select(h => h.Url.Split('#')[0]).ToList();
            if (!expected.Any(top3.Contains))
            {
                misses.Add($"{query} → want {string.Join('|', expected)}, got {string.Join(", ", top3)}");
            }
        }

        var recall = 1.0 - ((double)misses.Count / Cases.Count);
        TestContext.Current.SendDiagnosticMessage($"recall@3 = {recall:P1} over {Cases.Count} queries");
        if (recall < 0.95)
        {
            throw new XunitException($"recall@3 = {recall:P1} (< 95%); misses:\n{string.Join('\n', misses)}");
        }
    }

    public sealed class Engine : IDisposable
    {
        public SearchEngine Search { get; } = new(ContentFolder.RealContent);

        public void Dispose() => Search.Dispose();
    }
}
