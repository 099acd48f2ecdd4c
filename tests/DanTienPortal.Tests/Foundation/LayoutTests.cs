using System.Net;
using System.Net.Http.Headers;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Foundation;

public sealed class LayoutTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task Home_page_is_vietnamese_with_landmarks_skip_link_and_main_navigation()
    {
        var page = await Html.GetAsync(_client, "/");

        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        Assert.Single(page.QuerySelectorAll("h1"));

        var skip = page.QuerySelector("body > a.skip-link");
        Assert.NotNull(skip);
        Assert.Same(page.Body!.FirstElementChild, skip);
        var target = page.GetElementById(skip.GetAttribute("href")!.TrimStart('#'));
        Assert.Equal("MAIN", target?.TagName);

        Assert.Single(page.QuerySelectorAll("header"));
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Single(page.QuerySelectorAll("footer"));
        var nav = page.QuerySelector("nav[aria-label]");
        Assert.NotNull(nav);
        Assert.Equal(
            ["Thủ tục", "Kế hoạch", "Tin tức", "Phản ánh kiến nghị", "Thống kê"],
            nav.QuerySelectorAll("a").Select(a => a.TextContent.Trim()));

        Assert.Contains("xã Dân Tiến", page.QuerySelector("footer address")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_search_box_is_a_labelled_get_form_to_the_search_page()
    {
        var page = await Html.GetAsync(_client, "/");
        var forms = page.QuerySelectorAll("form[role=search]");
        Assert.NotEmpty(forms);
        foreach (var form in forms)
        {
            Assert.Equal("/tim-kiem", form.GetAttribute("action"));
            Assert.Equal("get", form.GetAttribute("method"));
            var input = form.QuerySelector("input[name=q]");
            Assert.NotNull(input);
            var label = page.QuerySelector($"label[for='{input.Id}']");
            Assert.False(string.IsNullOrWhiteSpace(label?.TextContent));
        }
    }

    [Fact]
    public async Task Pages_load_nothing_from_another_host_and_version_their_assets()
    {
        var page = await Html.GetAsync(_client, "/");
        var references = page.QuerySelectorAll("[src], link[href], script[src]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Equal("localhost", new Uri(new Uri("http://localhost/"), reference).Host));

        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", stylesheet, StringComparison.Ordinal);
        using var css = await _client.GetAsync(new Uri(stylesheet, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), css.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", css.Headers.CacheControl!.Extensions.Select(e => e.Name));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/css/site.css")]
    [InlineData("/khong-co-trang-nay")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_that_the_policy_would_block()
    {
        var page = await Html.GetAsync(_client, "/");
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("style, [style]"));
        Assert.Empty(page.QuerySelectorAll("[onclick], [onload], [onsubmit]"));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Html_and_css_are_compressed_for_browsers_that_accept_it(string encoding)
    {
        foreach (var path in new[] { "/", "/css/site.css" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        }
    }

    [Fact]
    public async Task Home_page_is_small()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var css = await _client.GetAsync(new Uri("/css/site.css", UriKind.Relative), TestContext.Current.CancellationToken);
        var stylesheet = await css.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        // Uncompressed, so the bound holds even where a proxy strips compression.
        Assert.InRange(html.Length + stylesheet.Length, 1, 40_000);
    }
}
