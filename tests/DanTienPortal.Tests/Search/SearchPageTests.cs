using System.Net;
using System.Text.Json;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Search;

/// <summary>/tim-kiem and /api/search over the real content, through HTTP as a browser or script sends it.</summary>
public sealed class SearchPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task An_unaccented_search_finds_the_procedure_first_with_its_answer_card_and_marked_words()
    {
        var page = await Html.GetAsync(_client, "/tim-kiem?q=thu+tuc+khai+sinh");
        PageChecks.AssertAccessibleStructure(page, "/tim-kiem");

        var first = page.QuerySelector(".search-results li .hit-title a")!;
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", first.GetAttribute("href"));
        Assert.Contains("<mark>sinh</mark>", page.QuerySelector(".search-results li .hit-snippet")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("thu tuc khai sinh", page.QuerySelector("#q-page")!.GetAttribute("value"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));

        var answer = await Html.GetAsync(_client, "/tim-kiem?q=khai+sinh");
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", answer.QuerySelector(".answer-card h2 a")?.GetAttribute("href"));
        Assert.Contains("Lệ phí", answer.QuerySelector(".answer-card dl")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facet_links_filter_through_the_query_string_and_keep_the_query()
    {
        var page = await Html.GetAsync(_client, "/tim-kiem?q=cai+cach+hanh+chinh");
        var newsFilter = page.QuerySelectorAll(".facets a").First(a => a.GetAttribute("href")!.Contains("loai=news", StringComparison.Ordinal));
        Assert.Contains("q=cai%20cach%20hanh%20chinh", newsFilter.GetAttribute("href"), StringComparison.Ordinal);

        var filtered = await Html.GetAsync(_client, newsFilter.GetAttribute("href")!);
        var types = filtered.QuerySelectorAll(".hit-type").Select(t => t.TextContent).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.StartsWith("Tin tức", t, StringComparison.Ordinal));
        Assert.NotNull(filtered.QuerySelector(".facets a[aria-current]"));
    }

    [Fact]
    public async Task A_misspelt_query_offers_a_correction_link()
    {
        var page = await Html.GetAsync(_client, "/tim-kiem?q=chung+thuc+ban+xao+y");
        var link = page.QuerySelector(".did-you-mean a");
        Assert.NotNull(link);
        Assert.Contains("q=", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=*")]
    [InlineData("?q=title%3A(")]
    [InlineData("?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?q=%22%27%3B--%20DROP%20TABLE%20x")]
    [InlineData("?q=khai+sinh&trang=abc")]
    [InlineData("?q=khai+sinh&trang=-5")]
    [InlineData("?q=khai+sinh&trang=99999")]
    [InlineData("?q=khai+sinh&loai=%3Cb%3E&linh-vuc=x&co-quan=y")]
    [InlineData("?q=%ZZ%C3")]
    public async Task Odd_and_hostile_queries_get_a_friendly_page_never_an_error(string query)
    {
        using var response = await _client.GetAsync(new Uri("/tim-kiem" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Tìm kiếm", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main p a[href='/thu-tuc']") ?? page.QuerySelector(".result-count"));
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_answered_with_a_note()
    {
        var query = Uri.EscapeDataString(string.Concat(Enumerable.Repeat("khai sinh ", 1000)));
        var page = await Html.GetAsync(_client, $"/tim-kiem?q={query}");
        Assert.Contains("200 ký tự", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task The_api_answers_json_with_hits_facets_and_did_you_mean()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/search?q=khai+sihn", UriKind.Relative), TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.True(root.GetProperty("total").GetInt32() > 0);
        var hit = root.GetProperty("hits")[0];
        Assert.Equal("procedure", hit.GetProperty("type").GetString());
        Assert.Equal("/thu-tuc/dang-ky-khai-sinh", hit.GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(hit.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(hit.GetProperty("snippet").GetString()));
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.True(root.GetProperty("facets").GetProperty("type").GetArrayLength() > 0);
        Assert.Equal("khai sinh", root.GetProperty("didYouMean").GetString());

        using var filtered = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/search?q=ho+tich&loai=procedure&linh-vuc=ho-tich", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.All(filtered.RootElement.GetProperty("hits").EnumerateArray(), h => Assert.Equal("procedure", h.GetProperty("type").GetString()));

        using var empty = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/search?q=%2A&trang=x", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal(0, empty.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_suggest_api_completes_titles_and_the_search_box_works_without_it()
    {
        var titles = JsonSerializer.Deserialize<string[]>(await _client.GetStringAsync(new Uri("/api/search/suggest?q=dang+ky+ket", UriKind.Relative), TestContext.Current.CancellationToken))!;
        Assert.Contains("Đăng ký kết hôn", titles);
        Assert.Empty(JsonSerializer.Deserialize<string[]>(await _client.GetStringAsync(new Uri("/api/search/suggest", UriKind.Relative), TestContext.Current.CancellationToken))!);

        var home = await Html.GetAsync(_client, "/");
        var box = home.QuerySelector("#q-home")!;
        Assert.Equal("/tim-kiem", box.Closest("form")!.GetAttribute("action"));
        Assert.NotNull(home.GetElementById(box.GetAttribute("list")!));
        Assert.NotNull(home.QuerySelector("script[src^='/js/suggest.js']"));
    }
}
