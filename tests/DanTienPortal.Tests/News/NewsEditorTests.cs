using System.Globalization;
using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanTienPortal.Tests.News;

/// <summary>The editor's rules: addresses, covers, revisions, concurrent saves, bad input and who may use it.</summary>
public sealed class NewsEditorTests(NewsPortal portal) : IClassFixture<NewsPortal>
{
    private async Task<NewsDesk> DeskAsync(string role = StaffRoles.Editor) => new(await StaffSession.SignInAsync(portal, role));

    private static async Task<string?> SlugOfAsync(NewsDesk desk, string editPage) =>
        (await desk.OpenAsync(editPage)).QuerySelector("#slug")?.GetAttribute("value");

    private static async Task<AngleSharp.Dom.IDocument> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector(".error-summary"));
        return page;
    }

    [Fact]
    public async Task Addresses_are_made_from_the_vietnamese_title_and_kept_unique_against_posts_and_files()
    {
        var desk = await DeskAsync();
        Assert.Equal("duong-lang-ngo-xom-sach-dep", await SlugOfAsync(desk, await desk.CreateAsync("Đường làng, ngõ xóm sạch đẹp!")));

        // content/news/ke-hoach-cai-cach-hanh-chinh-2026.md holds the plain address already.
        const string title = "Kế hoạch cải cách hành chính 2026";
        Assert.Equal("ke-hoach-cai-cach-hanh-chinh-2026-2", await SlugOfAsync(desk, await desk.CreateAsync(title)));
        Assert.Equal("ke-hoach-cai-cach-hanh-chinh-2026-3", await SlugOfAsync(desk, await desk.CreateAsync(title)));

        // A typed address is cleaned; one already used is refused next to its field.
        Assert.Equal("tin-moi-nhat", await SlugOfAsync(desk, await desk.CreateAsync("Tin", more: new Dictionary<string, string> { ["Form.Slug"] = "Tin Mới Nhất" })));
        foreach (var taken in new[] { "ke-hoach-cai-cach-hanh-chinh-2026", "tin-moi-nhat" })
        {
            using var response = await desk.SubmitAsync(NewsDesk.NewPost, "draft", new Dictionary<string, string> { ["Form.Title"] = "Bài khác", ["Form.Slug"] = taken });
            var page = await RefusedAsync(response);
            Assert.Contains("đã có bài khác dùng", page.QuerySelector("#loi-slug")?.TextContent, StringComparison.Ordinal);
            Assert.Equal("Bài khác", page.QuerySelector("#title")?.GetAttribute("value"));
        }
    }

    [Fact]
    public async Task A_cover_that_is_no_image_or_is_over_2_MB_is_refused_with_a_vietnamese_message()
    {
        var desk = await DeskAsync();
        var fields = new Dictionary<string, string> { ["Form.Title"] = "Bài có ảnh lạ", ["Form.CoverAlt"] = "Ảnh" };

        using (var script = await desk.SubmitAsync(NewsDesk.NewPost, "draft", fields, (SampleFiles.Script(), "anh.png")))
        {
            var page = await RefusedAsync(script);
            Assert.Equal("Ảnh bìa phải là ảnh JPG hoặc PNG.", page.QuerySelector("#loi-cover")?.TextContent);
            Assert.Equal("Bài có ảnh lạ", page.QuerySelector("#title")?.GetAttribute("value"));
        }

        using (var large = await desk.SubmitAsync(NewsDesk.NewPost, "draft", fields, (SampleFiles.JpegOfSize((2 * 1024 * 1024) + 1), "anh-lon.jpg")))
        {
            var page = await RefusedAsync(large);
            Assert.Contains("lớn hơn 2 MB", page.QuerySelector("#loi-cover")?.TextContent, StringComparison.Ordinal);
        }

        // Far over the limit: refused before the form is read, with the Vietnamese "too large" page.
        using (var huge = await desk.SubmitAsync(NewsDesk.NewPost, "draft", fields, (SampleFiles.JpegOfSize(5 * 1024 * 1024), "anh-rat-lon.jpg")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            Assert.Equal("Dữ liệu gửi lên quá lớn", (await Html.ParseAsync(huge)).QuerySelector("h1")?.TextContent);
        }

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        Assert.False(await db.NewsPosts.AnyAsync(p => p.Title == "Bài có ảnh lạ", TestContext.Current.CancellationToken));
        Assert.Empty(await db.NewsImages.Where(i => i.ContentType != "image/png" && i.ContentType != "image/jpeg").ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Every_save_is_kept_as_a_revision_with_who_and_when_and_the_database_refuses_to_change_one()
    {
        var editor = await DeskAsync();
        var admin = await DeskAsync(StaffRoles.Admin);
        var editPage = await editor.CreateAsync("Lịch tiếp công dân tháng 12");
        await NewsDesk.SavedAtAsync(await editor.SubmitAsync(editPage, "publish"));
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        await NewsDesk.SavedAtAsync(await admin.SubmitAsync(editPage, "save", new Dictionary<string, string> { ["Form.Title"] = "Lịch tiếp công dân tháng 12 (sửa giờ)" }));

        var history = await editor.OpenAsync(editPage.Replace("/soan/", "/lich-su/", StringComparison.Ordinal));
        PageChecks.AssertAccessibleStructure(history, "history");
        var lines = history.QuerySelectorAll(".revision-list > li").ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["Cán bộ Quản trị", "Cán bộ Biên tập", "Cán bộ Biên tập"], lines.Select(l => l.QuerySelector(".revision-by")?.TextContent));
        var latest = portal.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(latest, lines[0].QuerySelector("time")?.TextContent);
        Assert.Contains("Đã đăng", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Bản nháp", lines[2].TextContent, StringComparison.Ordinal);

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE news_revisions SET title = 'đổi'", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM news_revisions", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_editor_saving_an_outdated_copy_gets_a_conflict_message_and_overwrites_nothing()
    {
        var first = await DeskAsync();
        var second = await DeskAsync(StaffRoles.Admin);
        var editPage = await first.CreateAsync("Thông báo lịch cắt điện");
        var firstCopy = await first.OpenAsync(editPage);
        var secondCopy = await second.OpenAsync(editPage);

        await NewsDesk.SavedAtAsync(await first.SubmitAsync(editPage, "draft", new Dictionary<string, string> { ["Form.Title"] = "Bản của người thứ nhất" }, form: firstCopy));
        using var late = await second.SubmitAsync(editPage, "draft", new Dictionary<string, string> { ["Form.Title"] = "Bản của người thứ hai" }, form: secondCopy);

        var page = await RefusedAsync(late);
        var message = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("vừa được Cán bộ Biên tập lưu lúc", message, StringComparison.Ordinal);
        Assert.Contains("chưa được lưu", message, StringComparison.Ordinal);
        Assert.Equal("Bản của người thứ hai", page.QuerySelector("#title")?.GetAttribute("value"));
        Assert.Equal("Bản của người thứ nhất", (await second.OpenAsync(editPage)).QuerySelector("#title")?.GetAttribute("value"));
        Assert.Equal(2, (await first.OpenAsync(editPage.Replace("/soan/", "/lich-su/", StringComparison.Ordinal))).QuerySelectorAll(".revision-list > li").Length);
    }

    [Fact]
    public async Task Bad_input_is_answered_next_to_its_field_and_never_with_a_server_error()
    {
        var desk = await DeskAsync();
        var form = await desk.OpenAsync(NewsDesk.NewPost);
        PageChecks.AssertAccessibleStructure(form, NewsDesk.NewPost);
        var past = portal.Clock.GetUtcNow().AddHours(-1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var cases = new (string Command, Dictionary<string, string> Fields, string Field, string Message)[]
        {
            ("draft", new() { ["Form.Title"] = "  " }, "#loi-title", "Vui lòng nhập tiêu đề."),
            ("draft", new() { ["Form.Title"] = new string('a', 201) }, "#loi-title", "Không quá 200 ký tự"),
            ("publish", new() { ["Form.Title"] = "Chưa có nội dung" }, "#loi-summary", "Vui lòng nhập tóm tắt"),
            ("publish", new() { ["Form.Title"] = "Chưa có nội dung", ["Form.Summary"] = "Tóm tắt." }, "#loi-body", "Vui lòng nhập nội dung"),
            ("schedule", new() { ["Form.Title"] = "Hẹn giờ", ["Form.Summary"] = "T", ["Form.Body"] = "N", ["Form.PublishAt"] = past }, "#loi-publishat", "phải sau lúc này"),
            ("schedule", new() { ["Form.Title"] = "Hẹn giờ", ["Form.Summary"] = "T", ["Form.Body"] = "N", ["Form.PublishAt"] = "ngày mai" }, "#loi-publishat", "không hợp lệ"),
            ("draft", new() { ["Form.Title"] = "Đề mục", ["Form.Body"] = "# Đề mục lớn\n\nChữ." }, "#loi-body", "##"),
            ("draft", new() { ["Form.Title"] = "Địa chỉ", ["Form.Slug"] = "!!!" }, "#loi-slug", "chữ không dấu"),
            ("xoa-bai", new() { ["Form.Title"] = "Lệnh lạ" }, ".error-summary", "không dùng được"),
            ("withdraw", new() { ["Form.Title"] = "Chưa đăng đã thu hồi" }, ".error-summary", "không dùng được"),
            ("draft", new() { ["Form.Title"] = "Số hỏng", ["Form.Version"] = "abc", ["Form.CoverImageId"] = "xyz" }, "", ""),
            ("draft", new() { ["Form.Title"] = "Ảnh không có", ["Form.CoverImageId"] = "999999" }, "", ""),
        };
        foreach (var (command, fields, field, message) in cases)
        {
            using var response = await desk.SubmitAsync(NewsDesk.NewPost, command, fields, form: form);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{command} {string.Join(", ", fields)}: {(int)response.StatusCode}");
            if (field.Length > 0)
            {
                var page = await RefusedAsync(response);
                PageChecks.AssertAccessibleStructure(page, command);
                Assert.Contains(message, page.QuerySelector(field)?.TextContent, StringComparison.Ordinal);
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await desk.Client.GetAsync(new Uri("/can-bo/tin-tuc/soan/999999", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Client.GetAsync(new Uri("/can-bo/tin-tuc/lich-su/999999", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_staff_list_filters_posts_by_status()
    {
        var desk = await DeskAsync();
        var draft = await desk.CreateAsync("Bản nháp để lọc");
        var published = await desk.CreateAsync("Bài đã đăng để lọc", "publish");

        List<string?> Links(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        var drafts = await desk.OpenAsync("/can-bo/tin-tuc?trang-thai=nhap");
        PageChecks.AssertAccessibleStructure(drafts, "list");
        Assert.Contains(draft, Links(drafts));
        Assert.DoesNotContain(published, Links(drafts));
        var all = Links(await desk.OpenAsync("/can-bo/tin-tuc?trang-thai=khong-ro"));
        Assert.Contains(draft, all);
        Assert.Contains(published, all);
        Assert.Equal([published], Links(await desk.OpenAsync("/can-bo/tin-tuc?trang-thai=da-dang")).Where(l => l == published || l == draft));
    }

    [Fact]
    public async Task Handlers_leaders_and_anonymous_visitors_cannot_reach_the_editor()
    {
        using var anonymous = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var toLogin = await anonymous.GetAsync(new Uri(NewsDesk.NewPost, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.StartsWith("http://localhost/can-bo/dang-nhap", toLogin.Headers.Location?.ToString(), StringComparison.Ordinal);

        foreach (var role in new[] { StaffRoles.Handler, StaffRoles.Leader })
        {
            var session = await StaffSession.SignInAsync(portal, role, role == StaffRoles.Handler ? "phong-kinh-te" : null);
            foreach (var path in new[] { "/can-bo/tin-tuc", NewsDesk.NewPost })
            {
                using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.Contains("/can-bo/khong-co-quyen", response.Headers.Location?.ToString(), StringComparison.Ordinal);
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Title"] = "Không được đăng", ["Command"] = "publish" });
            using var post = await session.Client.PostAsync(new Uri(NewsDesk.NewPost, UriKind.Relative), form, TestContext.Current.CancellationToken);
            Assert.Contains("/can-bo/khong-co-quyen", post.Headers.Location?.ToString(), StringComparison.Ordinal);

            var home = await Html.GetAsync(session.Client, "/can-bo");
            Assert.Null(home.QuerySelector(".pending-news"));
            Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/can-bo/tin-tuc");
        }
    }
}
