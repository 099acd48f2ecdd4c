using System.Net;
using AngleSharp.Dom;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Publication;

/// <summary>
/// Publishing an answer: only with the citizen's consent and once answered, by a handler of the
/// case's department (or a leader), with the personal data removed and checked again on saving.
/// </summary>
public sealed class PublicationTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private const string Name = "Nguyễn Thị Hoa";
    private const string Email = "hoa.nguyen@example.vn";
    private const string Address = "Số 12, thôn Đông, xã Dân Tiến";

    private readonly FeedbackClient _citizen = new(portal);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string PublishPath(FeedbackCase c) => $"/can-bo/phan-anh/{c.Id}/cong-khai";

    [Fact]
    public async Task A_handler_previews_and_publishes_and_the_public_pages_show_the_answer_without_personal_data()
    {
        var c = await AnsweredCaseAsync();
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, c.Department);

        using var opened = await handler.Client.GetAsync(new Uri(PublishPath(c), UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var page = await Html.ParseAsync(opened);
        PageChecks.AssertAccessibleStructure(page, PublishPath(c));
        var summary = page.QuerySelector("textarea#summary")!.TextContent;
        var answer = page.QuerySelector("textarea#answer")!.TextContent;
        Assert.StartsWith("Đèn đường thôn Đông không sáng\n", summary.TrimStart('\n'), StringComparison.Ordinal);
        Assert.Contains(Redaction.Marker, summary, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân xã đã cho thay bóng ba cột đèn", answer, StringComparison.Ordinal);
        AssertNoPersonalData(summary + answer);
        var removed = page.QuerySelector("#da-an")!.TextContent;
        foreach (var kind in new[] { "Họ tên người gửi", "Số điện thoại", "Địa chỉ thư điện tử", "Địa chỉ nhà" })
        {
            Assert.Contains(kind, removed, StringComparison.Ordinal);
        }

        // The preview shows the public page's texts, and saves nothing.
        using var previewed = await PostAsync(handler.Client, c, "Preview", page, new() { ["Summary"] = summary, ["Answer"] = answer });
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = (await Html.ParseAsync(previewed)).QuerySelector(".news-preview")!.TextContent;
        Assert.Contains("Đèn đường thôn Đông không sáng", preview, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân xã đã cho thay bóng ba cột đèn", preview, StringComparison.Ordinal);
        Assert.Null((await LoadAsync(c.Code)).PublishedAt);

        using var published = await PostAsync(handler.Client, c, "Publish", page, new() { ["Summary"] = summary, ["Answer"] = answer });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(PublishPath(c), published.Headers.Location?.OriginalString);
        var after = await Html.GetAsync(handler.Client, PublishPath(c));
        Assert.Contains("Đã công khai câu trả lời.", after.QuerySelector("main .notice[role=status]")!.TextContent, StringComparison.Ordinal);

        var stored = await LoadAsync(c.Code);
        Assert.NotNull(stored.PublishedAt);
        Assert.Equal(answer.Trim(), stored.PublicAnswer);
        var published1 = Assert.Single(stored.Events, e => e.Action == "published");
        Assert.Equal(handler.Email, published1.Actor);

        // The public page: the redacted texts, none of the personal data anywhere in the HTML.
        var path = $"/phan-anh-kien-nghi/{c.Code}";
        using var publicResponse = await _citizen.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        var html = await publicResponse.Content.ReadAsStringAsync(Cancel);
        var publicPage = await Html.ParseAsync(publicResponse);
        PageChecks.AssertAccessibleStructure(publicPage, path);
        Assert.Equal("Đèn đường thôn Đông không sáng", publicPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Ủy ban nhân dân xã đã cho thay bóng ba cột đèn", publicPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Redaction.Marker, publicPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        AssertNoPersonalData(System.Net.WebUtility.HtmlDecode(html));

        // The landing page lists it, and so does the sitemap.
        var landing = await Html.GetAsync(_citizen.Http, "/phan-anh-kien-nghi");
        PageChecks.AssertAccessibleStructure(landing, "/phan-anh-kien-nghi");
        var link = landing.QuerySelector($"#tra-loi ~ ul a[href='{path}']");
        Assert.NotNull(link);
        Assert.Equal("Đèn đường thôn Đông không sáng", link.TextContent.Trim());
        var sitemap = await _citizen.Http.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative), Cancel);
        Assert.Contains(path + "</loc>", sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_edited_before_publishing_that_still_holds_a_phone_is_redacted_again_on_saving()
    {
        var c = await AnsweredCaseAsync();
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, c.Department);
        var page = await Html.GetAsync(handler.Client, PublishPath(c));

        using var published = await PostAsync(handler.Client, c, "Publish", page, new()
        {
            ["Summary"] = "Đèn đường thôn Đông không sáng\n\nBa cột đèn cuối thôn không sáng.",
            ["Answer"] = "Đã sửa xong. Mọi thắc mắc xin gọi 0912 345 678 hoặc gặp chị Thị Hoa.",
        });

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var stored = await LoadAsync(c.Code);
        Assert.Equal($"Đã sửa xong. Mọi thắc mắc xin gọi {Redaction.Marker} hoặc gặp chị {Redaction.Marker}.", stored.PublicAnswer);
        Assert.Contains("ẩn thêm", Assert.Single(stored.Events, e => e.Action == "published").Note, StringComparison.Ordinal);
        var after = await Html.GetAsync(handler.Client, PublishPath(c));
        Assert.Contains("ẩn thêm 1 họ tên người gửi, 1 số điện thoại", after.QuerySelector("main .notice[role=status]")!.TextContent, StringComparison.Ordinal);
        using var publicPage = await _citizen.GetAsync($"/phan-anh-kien-nghi/{c.Code}");
        AssertNoPersonalData(System.Net.WebUtility.HtmlDecode(await publicPage.Content.ReadAsStringAsync(Cancel)));
    }

    [Fact]
    public async Task Without_the_citizens_consent_or_before_the_answer_publishing_is_refused_and_nothing_is_saved()
    {
        var withoutConsent = await AnsweredCaseAsync(consent: false);
        var notAnswered = await AnsweredCaseAsync(status: CaseStatus.Accepted);
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);

        foreach (var (c, message) in new[]
        {
            (withoutConsent, "Người gửi không đồng ý công khai câu trả lời"),
            (notAnswered, "Chỉ công khai được phản ánh đã trả lời hoặc đã kết thúc."),
        })
        {
            var page = await Html.GetAsync(leader.Client, PublishPath(c));
            Assert.Contains(message, page.QuerySelector("main .notice[role=alert]")!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("textarea"));
            Assert.Null(page.QuerySelector("form[action*='handler=Publish']"));

            using var refused = await PostAsync(leader.Client, c, "Publish", page, new() { ["Summary"] = "Tiêu đề\n\nNội dung", ["Answer"] = "Trả lời" });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var refusedPage = await Html.ParseAsync(refused);
            Assert.Contains(message, refusedPage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

            var stored = await LoadAsync(c.Code);
            Assert.Null(stored.PublishedAt);
            Assert.Null(stored.PublicAnswer);
            Assert.Null(stored.PublicSummary);
            Assert.DoesNotContain(stored.Events, e => e.Action == "published");
            using var publicPage = await _citizen.GetAsync($"/phan-anh-kien-nghi/{c.Code}");
            Assert.Equal(HttpStatusCode.NotFound, publicPage.StatusCode);
        }
    }

    [Fact]
    public async Task A_handler_of_another_department_gets_a_404_and_an_anonymous_visitor_the_sign_in_page()
    {
        var c = await AnsweredCaseAsync();
        var other = c.Department == "phong-kinh-te" ? "phong-van-hoa-xa-hoi" : "phong-kinh-te";
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, other);

        using var get = await handler.Client.GetAsync(new Uri(PublishPath(c), UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var token = (await Html.GetAsync(handler.Client, "/can-bo")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Summary"] = "Tiêu đề\n\nNội dung", ["Answer"] = "Trả lời", ["Version"] = c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var post = await handler.Client.PostAsync(new Uri(PublishPath(c) + "?handler=Publish", UriKind.Relative), body, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null((await LoadAsync(c.Code)).PublishedAt);

        using var unknown = await handler.Client.GetAsync(new Uri("/can-bo/phan-anh/999999999/cong-khai", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var anonymous = await _citizen.GetAsync(PublishPath(c));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/can-bo/dang-nhap", anonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublishing_removes_the_answer_from_the_public_pages()
    {
        var c = await AnsweredCaseAsync();
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        var page = await Html.GetAsync(leader.Client, PublishPath(c));
        using (var published = await PostAsync(leader.Client, c, "Publish", page, Fields(page)))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var path = $"/phan-anh-kien-nghi/{c.Code}";
        using (var visible = await _citizen.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
        }

        page = await Html.GetAsync(leader.Client, PublishPath(c));
        using (var unpublished = await PostAsync(leader.Client, c, "Unpublish", page, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        }

        using var gone = await _citizen.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var landing = await Html.GetAsync(_citizen.Http, "/phan-anh-kien-nghi");
        Assert.Null(landing.QuerySelector($"a[href='{path}']"));
        var stored = await LoadAsync(c.Code);
        Assert.Null(stored.PublishedAt);
        Assert.Null(stored.PublicAnswer);
        Assert.Equal(["published", "unpublished"], stored.Events.OrderBy(e => e.Id).Select(e => e.Action).Where(a => a.EndsWith("published", StringComparison.Ordinal)));
        var after = await Html.GetAsync(leader.Client, PublishPath(c));
        Assert.Contains("Đã gỡ công khai", after.QuerySelector("main .notice[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_opened_before_someone_else_published_gets_a_conflict_and_overwrites_nothing()
    {
        var c = await AnsweredCaseAsync();
        var first = await StaffSession.SignInAsync(portal, StaffRoles.Handler, c.Department);
        var second = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        var stale = await Html.GetAsync(first.Client, PublishPath(c));
        var fresh = await Html.GetAsync(second.Client, PublishPath(c));
        using (var published = await PostAsync(second.Client, c, "Publish", fresh, Fields(fresh)))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        using var conflict = await PostAsync(first.Client, c, "Publish", stale, new() { ["Summary"] = "Tiêu đề khác\n\nNội dung khác", ["Answer"] = "Trả lời khác" });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await Html.ParseAsync(conflict);
        Assert.Contains("vừa được người khác thay đổi", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Trả lời khác", page.QuerySelector("textarea#answer")!.TextContent.Trim());
        var stored = await LoadAsync(c.Code);
        Assert.NotEqual("Trả lời khác", stored.PublicAnswer);
        Assert.Single(stored.Events, e => e.Action == "published");
    }

    [Fact]
    public async Task The_answer_route_leaves_the_form_and_the_tracking_page_alone_and_an_unpublished_code_is_a_404()
    {
        using var form = await _citizen.GetAsync(FeedbackClient.FormPath);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using var track = await _citizen.GetAsync(FeedbackClient.TrackPath);
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        using var unknown = await _citizen.GetAsync("/phan-anh-kien-nghi/PAKN-2026-999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var c = await AnsweredCaseAsync();
        using var unpublished = await _citizen.GetAsync($"/phan-anh-kien-nghi/{c.Code}");
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
    }

    public void Dispose() => _citizen.Dispose();

    private static void AssertNoPersonalData(string text)
    {
        foreach (var secret in new[] { Name, "Thị Hoa", "Nguyen Thi Hoa", "0912", "345 678", "345.678", "345678", Email, "hoa.nguyen", Address, "Số 12", "số nhà 12", "001234567890" })
        {
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"found “{secret}” in: {text}");
        }
    }

    /// <summary>The two texts as the page proposes them.</summary>
    private static Dictionary<string, string> Fields(IDocument page) => new()
    {
        ["Summary"] = page.QuerySelector("textarea#summary")!.TextContent,
        ["Answer"] = page.QuerySelector("textarea#answer")!.TextContent,
    };

    /// <summary>Posts to a handler of the page with the antiforgery token and version of <paramref name="page"/>.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, FeedbackCase c, string handler, IDocument page, Dictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Version"] = page.QuerySelector("input[name=Version]")?.GetAttribute("value") ?? c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var body = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri($"{PublishPath(c)}?handler={handler}", UriKind.Relative), body, Cancel);
    }

    /// <summary>A case sent through the form with personal data in its content, then answered (by SQL through EF) with the data in the answer too.</summary>
    private async Task<FeedbackCase> AnsweredCaseAsync(bool consent = true, CaseStatus status = CaseStatus.Answered)
    {
        var receipt = await _citizen.SubmitValidAsync(f =>
        {
            f["Form.Name"] = Name;
            f["Form.Email"] = Email;
            f["Form.Address"] = Address;
            f["Form.Content"] = "Tôi là Nguyễn Thị Hoa, nhà ở số nhà 12 thôn Đông. Từ đầu tháng, ba cột đèn đường ở cuối thôn không sáng, "
                + "buổi tối đi lại rất nguy hiểm. Đề nghị xã sửa chữa; cần thì gọi tôi qua số 0912.345.678, CCCD 001234567890.";
            if (consent)
            {
                f["Form.ConsentPublish"] = "true";
            }
        });

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        var c = await db.Cases.SingleAsync(c => c.Code == receipt.Code, Cancel);
        c.Status = status;
        if (status is CaseStatus.Answered or CaseStatus.Closed)
        {
            c.Answer = $"Kính gửi bà {Name} (điện thoại 0912 345 678, thư điện tử {Email}, địa chỉ {Address}).\n"
                + "Ủy ban nhân dân xã đã cho thay bóng ba cột đèn cuối thôn Đông ngày 20/11/2026. Cảm ơn bà Hoa đã phản ánh.";
            c.AnsweredAt = DateTimeOffset.UtcNow;
            c.AnsweredBy = "can-bo@dantien.test";
        }

        await db.SaveChangesAsync(Cancel);
        return await LoadAsync(receipt.Code);
    }

    private Task<FeedbackCase> LoadAsync(string code) => FeedbackDb.LoadAsync(portal.ConnectionString, code);
}

internal static class UriExtensions
{
    /// <summary>The path and query of a redirect's location, relative or absolute.</summary>
    public static string PathAndQuery(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
