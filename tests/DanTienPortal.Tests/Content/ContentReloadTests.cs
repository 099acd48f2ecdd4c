using System.Net;
using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.Content;

/// <summary>Edits on disk reach the pages without a restart; a broken file does not take the site down.</summary>
public sealed class ContentReloadTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly ContentFolder _content = ContentFolder.CopyOfReal();

    [Fact]
    public async Task Editing_adding_breaking_and_deleting_files_shows_on_the_site_without_a_restart()
    {
        await using var app = portal.WithWebHostBuilder(builder => builder.UseSetting("Portal:ContentPath", _content.Path));
        using var client = app.CreateClient();
        const string path = "procedures/dang-ky-khai-sinh.md";

        // An edit to a title.
        var original = _content.Read(path);
        _content.Write(path, original.Replace("title: Đăng ký khai sinh", "title: Đăng ký khai sinh cho trẻ em", StringComparison.Ordinal));
        await Eventually(async () => (await Html.GetAsync(client, "/thu-tuc/dang-ky-khai-sinh")).QuerySelector("h1")!.TextContent.Trim() == "Đăng ký khai sinh cho trẻ em");

        // A new page.
        _content.Write("pages/huong-dan.md", "---\ntitle: Hướng dẫn nộp hồ sơ\ndescription: Cách nộp hồ sơ.\n---\nNội dung hướng dẫn.\n");
        await Eventually(async () => (await client.GetAsync(new Uri("/huong-dan", UriKind.Relative))).StatusCode == HttpStatusCode.OK);

        // A broken file: that page goes, every other page stays, the problem shows on /healthz.
        _content.Write(path, "---\ntitle: [\n---\n");
        await Eventually(async () => (await client.GetAsync(new Uri("/thu-tuc/dang-ky-khai-sinh", UriKind.Relative))).StatusCode == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/thu-tuc/dang-ky-ket-hon", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/thu-tuc", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Mended again.
        _content.Write(path, original);
        await Eventually(async () => (await client.GetAsync(new Uri("/thu-tuc/dang-ky-khai-sinh", UriKind.Relative))).StatusCode == HttpStatusCode.OK);
        await Eventually(async () => await (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).Content.ReadAsStringAsync() == "Healthy");

        // A deleted page.
        _content.Delete("pages/huong-dan.md");
        await Eventually(async () => (await client.GetAsync(new Uri("/huong-dan", UriKind.Relative))).StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_page_is_found_by_search_within_seconds_even_after_the_query_was_cached()
    {
        await using var app = portal.WithWebHostBuilder(builder => builder.UseSetting("Portal:ContentPath", _content.Path));
        using var client = app.CreateClient();
        const string search = "/tim-kiem?q=nuoi+ong+lay+mat";

        var before = await client.GetAsync(new Uri(search, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Null((await Html.ParseAsync(before)).QuerySelector(".search-results a[href='/thu-tuc/nuoi-ong']"));
        var again = await client.GetAsync(new Uri(search, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(again.Headers.Age is not null, "a repeated search is answered from the output cache");

        _content.Write("procedures/nuoi-ong.md", ContentFolder.Procedure("Hỗ trợ nuôi ong lấy mật", agency: "van-phong-hdnd-ubnd"));
        await Eventually(async () => (await Html.GetAsync(client, search)).QuerySelector(".search-results li a")?.GetAttribute("href") == "/thu-tuc/nuoi-ong");
    }

    public void Dispose() => _content.Dispose();

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change did not show within 15 seconds");
            await Task.Delay(100);
        }
    }
}
