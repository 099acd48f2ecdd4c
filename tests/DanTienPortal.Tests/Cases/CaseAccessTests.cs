using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using static DanTienPortal.Tests.Cases.CaseDeskClient;

namespace DanTienPortal.Tests.Cases;

/// <summary>Handlers see their department's cases and files only; leaders see all; every view of personal data is recorded.</summary>
public sealed class CaseAccessTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private readonly FeedbackClient _citizen = new(portal);

    private async Task<(string Code, long Id, long AttachmentId)> SubmitAsync(string category, string title)
    {
        var receipt = await _citizen.SubmitValidAsync(
            f => (f["Form.Category"], f["Form.Title"]) = (category, title),
            [new FilePart("anh-chup.png", SampleFiles.Png, SampleFiles.PngImage())]);
        var stored = await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code);
        return (receipt.Code, stored.Id, Assert.Single(stored.Attachments).Id);
    }

    [Fact]
    public async Task A_handler_sees_only_their_department_and_guessed_ids_of_another_are_404()
    {
        var own = await SubmitAsync("ha-tang", "Đèn đường hỏng");
        var other = await SubmitAsync("thai-do-can-bo", "Cán bộ chậm trễ");
        Assert.Equal("van-phong-hdnd-ubnd", (await CaseAsync(portal.ConnectionString, other.Id)).Department);
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");

        var (_, inbox) = await GetAsync(handler.Client, "/can-bo/phan-anh");
        Assert.Contains(own.Code, Codes(inbox));
        Assert.DoesNotContain(other.Code, Codes(inbox));

        var (unknownStatus, unknownPage) = await GetAsync(handler.Client, CasePath(999_999_999));
        foreach (var path in (string[])[CasePath(other.Id), $"{CasePath(other.Id)}/tep/{other.AttachmentId}", $"{CasePath(own.Id)}/tep/{other.AttachmentId}", $"{CasePath(other.Id)}/tep/{own.AttachmentId}"])
        {
            var (status, page) = await GetAsync(handler.Client, path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(unknownPage.QuerySelector("h1")?.TextContent, page.QuerySelector("h1")?.TextContent);
            Assert.DoesNotContain("Cán bộ chậm trễ", page.Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);

        // Posting an action or a note to the other department's case is refused the same way, and changes nothing.
        var (_, ownPage) = await GetAsync(handler.Client, CasePath(own.Id));
        using var note = await PostAsync(handler.Client, ownPage, other.Id, "Note", new Dictionary<string, string> { ["NoteText"] = "Đoán mã" });
        using var accept = await PostAsync(handler.Client, ownPage, other.Id, "Accept", connectionString: portal.ConnectionString);
        Assert.Equal(HttpStatusCode.NotFound, note.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
        Assert.Equal(2, (await CaseAsync(portal.ConnectionString, other.Id)).Events.Count);
        Assert.Empty(await AccessesAsync(portal.ConnectionString, other.Id));
    }

    [Fact]
    public async Task The_case_page_shows_the_submission_and_serves_its_files_as_recorded_downloads()
    {
        var own = await SubmitAsync("ha-tang", "Cống thoát nước tắc");
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");

        var (status, page) = await GetAsync(handler.Client, CasePath(own.Id));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Phản ánh {own.Code}", Assert.Single(page.QuerySelectorAll("h1")).TextContent.Trim());
        var text = page.Body!.TextContent;
        Assert.Contains("Cống thoát nước tắc", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Hoa", text, StringComparison.Ordinal);
        Assert.Contains("0912345678", text, StringComparison.Ordinal);
        var link = Assert.Single(page.QuerySelectorAll(".attachments a"));
        Assert.Equal($"{CasePath(own.Id)}/tep/{own.AttachmentId}", link.GetAttribute("href"));

        using var download = await handler.Client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SampleFiles.Png, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("anh-chup.png", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(SampleFiles.PngImage(), await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        await GetAsync(handler.Client, CasePath(own.Id));
        var accesses = await AccessesAsync(portal.ConnectionString, own.Id);
        Assert.Equal(["case", $"attachment:{own.AttachmentId}", "case"], accesses.Select(a => a.What));
        Assert.All(accesses, a => Assert.Equal(handler.Email, a.Viewer));
        Assert.All(accesses, a => Assert.InRange(a.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Theory]
    [InlineData(StaffRoles.Leader)]
    [InlineData(StaffRoles.Admin)]
    public async Task Leaders_and_administrators_see_every_department(string role)
    {
        var economy = await SubmitAsync("ha-tang", "Đường làng xuống cấp");
        var office = await SubmitAsync("thai-do-can-bo", "Thái độ tiếp dân");
        var leader = await StaffSession.SignInAsync(portal, role);

        var (_, inbox) = await GetAsync(leader.Client, "/can-bo/phan-anh");
        Assert.Contains(economy.Code, Codes(inbox));
        Assert.Contains(office.Code, Codes(inbox));
        Assert.NotNull(inbox.QuerySelector("select#phong"));

        var (_, filtered) = await GetAsync(leader.Client, "/can-bo/phan-anh?phong=van-phong-hdnd-ubnd");
        Assert.Contains(office.Code, Codes(filtered));
        Assert.DoesNotContain(economy.Code, Codes(filtered));

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(leader.Client, CasePath(office.Id))).Status);
        using var download = await leader.Client.GetAsync(new Uri($"{CasePath(office.Id)}/tep/{office.AttachmentId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal([leader.Email, leader.Email], (await AccessesAsync(portal.ConnectionString, office.Id)).Select(a => a.Viewer));

        var (_, home) = await GetAsync(leader.Client, "/can-bo");
        var rows = home.QuerySelectorAll("#phan-anh-phong ~ div tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Phòng Kinh tế", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Văn phòng HĐND", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_staff_home_shows_a_handler_their_departments_open_cases()
    {
        var own = await SubmitAsync("ha-tang", "Rác thải ven đường");
        var other = await SubmitAsync("thai-do-can-bo", "Không tiếp dân đúng giờ");
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");

        var (_, home) = await GetAsync(handler.Client, "/can-bo");

        var section = home.QuerySelector("#phan-anh-mo")!.ParentElement!;
        Assert.Contains("Phòng Kinh tế", section.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var links = section.QuerySelectorAll(".urgent-cases a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(CasePath(own.Id), links);
        Assert.DoesNotContain(CasePath(other.Id), links);
        Assert.InRange(links.Count, 1, 10);
    }

    public void Dispose() => _citizen.Dispose();
}
