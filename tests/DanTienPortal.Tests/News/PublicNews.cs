using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.News;

/// <summary>Where a reader can meet an article: the news list, the home page, the feed, the sitemap and search.</summary>
public sealed class PublicNews(HttpClient reader)
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public async Task<bool> OnListAsync(string url) =>
        (await Html.GetAsync(reader, "/tin-tuc")).QuerySelectorAll(".news-list a").Any(a => a.GetAttribute("href") == url);

    public async Task<bool> OnHomeAsync(string url) =>
        (await Html.GetAsync(reader, "/")).QuerySelectorAll(".news-list a").Any(a => a.GetAttribute("href") == url);

    public async Task<bool> InSitemapAsync(string url) =>
        (await reader.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative), TestContext.Current.CancellationToken))
        .Contains($"<loc>http://localhost{url}</loc>", StringComparison.Ordinal);

    public async Task<HttpStatusCode> StatusAsync(string url)
    {
        using var response = await reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>The feed's entry for the article, after checking that the feed is well-formed Atom 1.0.</summary>
    public async Task<XElement?> FeedEntryAsync(string url)
    {
        using var response = await reader.GetAsync(new Uri("/tin-tuc/feed.xml", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "id")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
        AssertTimestamp(feed.Element(Atom + "updated"));
        Assert.Equal("http://localhost/tin-tuc/feed.xml",
            feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "author")?.Element(Atom + "name")?.Value));
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            Assert.True(Uri.IsWellFormedUriString(entry.Element(Atom + "id")?.Value, UriKind.Absolute));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
            AssertTimestamp(entry.Element(Atom + "updated"));
            Assert.NotNull(entry.Element(Atom + "summary"));
            Assert.StartsWith("http://localhost/tin-tuc/", entry.Element(Atom + "link")?.Attribute("href")?.Value, StringComparison.Ordinal);
        }

        return feed.Elements(Atom + "entry").FirstOrDefault(e => e.Element(Atom + "link")?.Attribute("href")?.Value == $"http://localhost{url}");
    }

    /// <summary>Whether <c>/api/search</c> answers the query with the article.</summary>
    public async Task<bool> FoundAsync(string query, string url)
    {
        var json = await reader.GetStringAsync(new Uri($"/api/search?q={Uri.EscapeDataString(query)}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var answer = JsonDocument.Parse(json);
        return answer.RootElement.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("url").GetString() == url);
    }

    /// <summary>Asks search until it answers as expected, for at most a few seconds: "within seconds" is the promise.</summary>
    public async Task<bool> FoundWithinSecondsAsync(string query, string url, bool expected)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await FoundAsync(query, url) == expected)
            {
                return expected;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return !expected;
    }

    private static void AssertTimestamp(XElement? element)
    {
        Assert.NotNull(element);
        Assert.True(DateTimeOffset.TryParseExact(element.Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), element.Value);
    }
}
