using System.Globalization;
using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;

namespace DanTienPortal.Tests.News;

/// <summary>
/// A post's life as readers see it: previewed safely, published to the list, the home page, the
/// feed, the sitemap and search within seconds, withdrawn from all of them; scheduled, then public
/// at its time with no one acting.
/// </summary>
public sealed class NewsPublishingTests(NewsPortal portal) : IClassFixture<NewsPortal>
{
    private readonly PublicNews _public = new(portal.CreateClient());

    [Fact]
    public async Task An_editor_previews_publishes_and_withdraws_a_post_and_readers_see_it_only_while_it_is_published()
    {
        var desk = new NewsDesk(await StaffSession.SignInAsync(portal, StaffRoles.Editor));
        const string title = "Khánh thành nhà văn hóa xóm Đồng Tâm";
        const string body = "## Chương trình buổi lễ\n\nLễ khánh thành bắt đầu lúc 8 giờ sáng.\n\n<script>alert(1)</script>\n\n[bấm vào đây](javascript:alert(1))\n";

        // Preview: rendered by the server with the content files' pipeline, nothing saved, the cover kept for the next button.
        using var previewed = await desk.SubmitAsync(NewsDesk.NewPost, "preview", new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.Summary"] = "Xóm Đồng Tâm có nhà văn hóa mới, xây bằng vốn của xã và công sức của bà con.",
            ["Form.Body"] = body,
            ["Form.CoverAlt"] = "Nhà văn hóa xóm Đồng Tâm mới xây, mái ngói đỏ",
        }, (SampleFiles.PngImage(), "nha-van-hoa.png"));
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await Html.ParseAsync(previewed);
        var section = preview.QuerySelector(".news-preview");
        Assert.NotNull(section);
        Assert.Equal("Chương trình buổi lễ", section.QuerySelector(".prose h2")?.TextContent);
        Assert.Contains("Lễ khánh thành bắt đầu", section.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", section.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", section.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.All(preview.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        var cover = section.QuerySelector(".news-cover img")!.GetAttribute("src")!;
        Assert.Matches("^/anh/[0-9]+/[0-9a-f]{16}$", cover);

        // Publish the previewed form as it stands.
        using var published = await desk.SubmitAsync(NewsDesk.NewPost, "publish", form: preview);
        var editPage = await NewsDesk.SavedAtAsync(published);
        var edit = await desk.OpenAsync(published.Headers.Location!.ToString());
        Assert.Contains("Đã đăng bài", edit.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var url = "/tin-tuc/" + edit.QuerySelector("#slug")!.GetAttribute("value");
        Assert.Equal("/tin-tuc/khanh-thanh-nha-van-hoa-xom-dong-tam", url);

        var article = await Html.GetAsync(portal.CreateClient(), url);
        Assert.Equal(title, article.QuerySelector("h1")?.TextContent);
        var image = article.QuerySelector(".news-cover img")!;
        Assert.Equal(cover, image.GetAttribute("src"));
        Assert.Equal("Nhà văn hóa xóm Đồng Tâm mới xây, mái ngói đỏ", image.GetAttribute("alt"));
        Assert.All(article.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        Assert.DoesNotContain("javascript:", article.QuerySelector(".prose")!.InnerHtml, StringComparison.OrdinalIgnoreCase);

        Assert.True(await _public.OnListAsync(url));
        Assert.True(await _public.OnHomeAsync(url));
        var entry = await _public.FeedEntryAsync(url);
        Assert.Equal(title, entry?.Element(PublicNews.Atom + "title")?.Value);
        Assert.True(await _public.InSitemapAsync(url));
        Assert.True(await _public.FoundWithinSecondsAsync("khanh thanh nha van hoa", url, expected: true));

        // Withdrawn: gone from every place, its address unknown.
        using var withdrawn = await desk.SubmitAsync(editPage, "withdraw");
        await NewsDesk.SavedAtAsync(withdrawn);
        Assert.Equal(HttpStatusCode.NotFound, await _public.StatusAsync(url));
        Assert.False(await _public.OnListAsync(url));
        Assert.False(await _public.OnHomeAsync(url));
        Assert.Null(await _public.FeedEntryAsync(url));
        Assert.False(await _public.InSitemapAsync(url));
        Assert.False(await _public.FoundWithinSecondsAsync("khanh thanh nha van hoa", url, expected: false));
    }

    [Fact]
    public async Task A_cover_is_served_with_its_type_and_cached_for_good_under_its_hash()
    {
        var desk = new NewsDesk(await StaffSession.SignInAsync(portal, StaffRoles.Editor));
        using var previewed = await desk.SubmitAsync(NewsDesk.NewPost, "preview", new Dictionary<string, string> { ["Form.Title"] = "Ảnh", ["Form.Body"] = "## Đề mục\n\nChữ **đậm**." },
            (SampleFiles.JpegImage(), "anh.jpg"));
        var preview = await Html.ParseAsync(previewed);
        PageChecks.AssertAccessibleStructure(preview, "preview");
        var img = preview.QuerySelector(".news-preview .news-cover img")!;
        var src = img.GetAttribute("src")!;
        Assert.Equal("1", img.GetAttribute("width"));

        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri(src, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SampleFiles.JpegImage(), await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotNull(response.Headers.ETag);

        var wrongHash = src[..src.LastIndexOf('/')] + "/0000000000000000";
        Assert.Equal(HttpStatusCode.NotFound, await _public.StatusAsync(wrongHash));
        Assert.Equal(HttpStatusCode.NotFound, await _public.StatusAsync("/anh/999999/0000000000000000"));
    }

    [Fact]
    public async Task A_scheduled_post_is_hidden_until_its_time_then_public_and_searchable_with_no_one_acting()
    {
        var desk = new NewsDesk(await StaffSession.SignInAsync(portal, StaffRoles.Editor));
        var at = portal.Clock.GetUtcNow().AddHours(1).ToOffset(TimeSpan.FromHours(7));
        var editPage = await desk.CreateAsync("Hội thi gói bánh chưng đón Tết", "schedule",
            summary: "Các chi hội phụ nữ thi gói bánh chưng tại nhà văn hóa xã.", body: "Mỗi đội gói mười chiếc bánh chưng.",
            more: new Dictionary<string, string> { ["Form.PublishAt"] = at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) });
        var edit = await desk.OpenAsync(editPage);
        Assert.Contains($"Hẹn giờ đăng – đăng lúc {at.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)}", edit.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var url = "/tin-tuc/" + edit.QuerySelector("#slug")!.GetAttribute("value");

        Assert.Equal(HttpStatusCode.NotFound, await _public.StatusAsync(url));
        Assert.False(await _public.OnListAsync(url));
        Assert.False(await _public.OnHomeAsync(url));
        Assert.Null(await _public.FeedEntryAsync(url));
        Assert.False(await _public.FoundAsync("banh chung", url));

        // The staff home lists it among the scheduled posts, with its time.
        var home = await desk.OpenAsync("/can-bo");
        var pending = home.QuerySelectorAll(".pending-news li").Single(li => li.QuerySelector("a")?.GetAttribute("href") == editPage);
        Assert.Contains(at.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), pending.TextContent, StringComparison.Ordinal);

        portal.Clock.Advance(TimeSpan.FromHours(2));

        PageChecks.AssertAccessibleStructure(await Html.GetAsync(portal.CreateClient(), url), url);
        Assert.True(await _public.OnListAsync(url));
        Assert.True(await _public.OnHomeAsync(url));
        Assert.NotNull(await _public.FeedEntryAsync(url));
        Assert.True(await _public.FoundWithinSecondsAsync("banh chung", url, expected: true));
        Assert.DoesNotContain((await desk.OpenAsync("/can-bo")).QuerySelectorAll(".pending-news a"), a => a.GetAttribute("href") == editPage);
    }
}
