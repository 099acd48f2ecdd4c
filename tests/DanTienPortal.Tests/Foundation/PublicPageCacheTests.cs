using System.IO.Compression;
using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Tests.News;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanTienPortal.Tests.Foundation;

/// <summary>
/// Public pages are answered from the output cache, compressed once and with every header, and
/// never show what has changed since they were stored: a content edit, news published or withdrawn
/// here or on another node. Staff neither read nor fill that cache. A cached answer carries an
/// <c>Age</c> header; a fresh one does not.
/// </summary>
public sealed class PublicPageCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly ContentFolder _content = ContentFolder.CopyOfReal();

    [Theory]
    [InlineData("/")]
    [InlineData("/thu-tuc")]
    [InlineData("/thu-tuc/dang-ky-ket-hon")]
    [InlineData("/gioi-thieu")]
    [InlineData("/tin-tuc")]
    [InlineData("/tin-tuc/chuyen-doi-so-chinh-quyen-so")]
    [InlineData("/tin-tuc/feed.xml")]
    [InlineData("/tim-kiem?q=khai+sinh")]
    public async Task A_public_page_is_answered_from_the_cache_in_each_encoding_with_every_header(string path)
    {
        using var client = portal.CreateClient();

        var (_, body) = await GetAsync(client, path);
        // The first test of the class starts the app: news and search may still be moving the key for a moment.
        Assert.True(await WithinSecondsAsync(async () => (await GetAsync(client, path)).Response.Headers.Age is not null, expected: true));
        var (cached, again) = await GetAsync(client, path);
        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(body, again);
        AssertSecurityHeaders(cached);

        // Compressed once, then kept compressed; a client that accepts no encoding still gets plain bytes.
        await GetAsync(client, path, "gzip");
        var (gzipped, compressed) = await GetAsync(client, path, "gzip");
        Assert.NotNull(gzipped.Headers.Age);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        Assert.Equal(body, Gunzip(compressed));
        AssertSecurityHeaders(gzipped);
        var (plain, plainBody) = await GetAsync(client, path);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(body, plainBody);

        // Each variant says it depends on the encoding, once: a shared cache in front keeps them apart.
        Assert.Equal("Accept-Encoding", Assert.Single(cached.Headers.Vary));
        Assert.Equal("Accept-Encoding", Assert.Single(plain.Headers.Vary));
        Assert.Equal("Accept-Encoding", Assert.Single(gzipped.Headers.Vary));
    }

    [Fact]
    public async Task A_content_edit_shows_on_the_very_next_request_after_the_reload()
    {
        await using var app = portal.WithWebHostBuilder(builder => builder.UseSetting("Portal:ContentPath", _content.Path));
        using var client = app.CreateClient();
        const string path = "/thu-tuc/dang-ky-khai-sinh";
        // The app has just started: news and search may still be moving the key for a moment.
        Assert.True(await WithinSecondsAsync(async () => (await GetAsync(client, path)).Response.Headers.Age is not null, expected: true));

        const string file = "procedures/dang-ky-khai-sinh.md";
        _content.Write(file, _content.Read(file).Replace("title: Đăng ký khai sinh", "title: Đăng ký khai sinh cho trẻ em", StringComparison.Ordinal));
        app.Services.GetRequiredService<ContentStore>().Reload();

        Assert.Equal("Đăng ký khai sinh cho trẻ em", (await Html.GetAsync(client, path)).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task News_published_or_withdrawn_shows_at_once_on_this_node_and_within_seconds_on_another()
    {
        var desk = new NewsDesk(await StaffSession.SignInAsync(portal, StaffRoles.Editor));
        await using var other = portal.SecondNode().WithWebHostBuilder(b => b.UseSetting("News:PollSeconds", "1"));
        var here = new PublicNews(portal.CreateClient());
        var there = new PublicNews(other.CreateClient());
        const string url = "/tin-tuc/ngay-hoi-doc-sach-o-xom-dong-tam";
        foreach (var reader in new[] { here, there })
        {
            // Twice each, so that both pages are in each node's cache before the news changes.
            Assert.False(await reader.OnListAsync(url) || await reader.OnListAsync(url));
            Assert.False(await reader.OnHomeAsync(url) || await reader.OnHomeAsync(url));
        }

        var editPage = await desk.CreateAsync("Ngày hội đọc sách ở xóm Đồng Tâm", command: "publish");
        Assert.True(await here.OnListAsync(url));
        Assert.True(await here.OnHomeAsync(url));
        Assert.Equal(HttpStatusCode.OK, await here.StatusAsync(url));
        Assert.Equal(HttpStatusCode.OK, await here.StatusAsync(url));
        Assert.True(await WithinSecondsAsync(() => there.OnListAsync(url), expected: true));
        Assert.True(await WithinSecondsAsync(() => there.OnHomeAsync(url), expected: true));

        await NewsDesk.SavedAtAsync(await desk.SubmitAsync(editPage, "withdraw"));
        Assert.False(await here.OnListAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, await here.StatusAsync(url));
        Assert.True(await WithinSecondsAsync(() => there.OnListAsync(url), expected: false));
        Assert.True(await WithinSecondsAsync(() => there.OnHomeAsync(url), expected: false));
    }

    [Fact]
    public async Task Staff_neither_read_nor_fill_the_cache_of_public_pages()
    {
        var staff = await StaffSession.SignInAsync(portal, StaffRoles.Editor);
        using var anonymous = portal.CreateClient();
        const string path = "/lien-he";

        var (first, _) = await GetAsync(staff.Client, path);
        var (second, _) = await GetAsync(staff.Client, path);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);

        var (visitor, _) = await GetAsync(anonymous, path);
        Assert.Null(visitor.Headers.Age);
        var (cached, _) = await GetAsync(anonymous, path);
        Assert.NotNull(cached.Headers.Age);

        var (staffAgain, _) = await GetAsync(staff.Client, path);
        Assert.Equal(HttpStatusCode.OK, staffAgain.StatusCode);
        Assert.Null(staffAgain.Headers.Age);
    }

    [Fact]
    public async Task Only_a_request_with_the_staff_cookie_is_authenticated()
    {
        var capture = new LogCapture();
        await using var app = portal.WithWebHostBuilder(builder => builder
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Authentication", "Debug")
            .ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(capture))));
        using var visitor = app.CreateClient();

        await GetAsync(visitor, "/lien-he");
        await GetAsync(visitor, "/lien-he");
        var visitorEntries = capture.Entries.Count(IsAuthentication);
        var staff = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var beforeStaff = capture.Entries.Count(IsAuthentication);
        await GetAsync(staff.Client, "/lien-he");

        // A citizen's request, cached page or not, never reaches the authentication handlers.
        Assert.Equal(0, visitorEntries);
        Assert.Contains(capture.Entries.Where(IsAuthentication).Skip(beforeStaff), e => e.Message.Contains("was successfully authenticated", StringComparison.Ordinal));

        static bool IsAuthentication(LogCapture.LogEntry entry) => entry.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal);
    }

    public void Dispose() => _content.Dispose();

    private static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(HttpClient client, string path, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(encoding);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Contains("frame-ancestors 'none'", string.Join(';', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }

        return output.ToArray();
    }

    private static async Task<bool> WithinSecondsAsync(Func<Task<bool>> check, bool expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await check() != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
