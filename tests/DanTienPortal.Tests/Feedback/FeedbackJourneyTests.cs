using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Feedback;

/// <summary>A citizen sends feedback through the real form and finds it again, against real PostgreSQL.</summary>
public sealed class FeedbackJourneyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private WebApplicationFactory<Program> Portal => portal.WithWebHostBuilder(b => b.UseSetting("Feedback:FallbackMailbox", "mot-cua@dantien.example"));

    /// <summary>GETs the form, then posts it with the page's antiforgery token and ticket plus <paramref name="fields"/>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        var form = await Html.GetAsync(client, "/phan-anh-kien-nghi/gui");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name=Ticket]")!.GetAttribute("value")!), "Ticket" },
        };
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var (name, content) in files)
        {
            body.Add(new ByteArrayContent(content), "Files", name);
        }

        return await client.PostAsync(new Uri("/phan-anh-kien-nghi/gui", UriKind.Relative), body, Cancel);
    }

    private static Dictionary<string, string> Complaint() => new()
    {
        ["Form.Kind"] = "khieu-nai",
        ["Form.Category"] = "dat-dai-xay-dung",
        ["Form.Title"] = "Khiếu nại quyết định thu hồi đất",
        ["Form.Content"] = "Gia đình tôi không được thông báo trước khi thu hồi phần đất vườn, đề nghị xem xét lại.",
        ["Form.ComplaintSubject"] = "Quyết định số 12/QĐ-UBND ngày 01/11/2026",
        ["Form.ComplaintAgainst"] = "Chủ tịch UBND xã",
        ["Form.Name"] = "Trần Thị Bình",
        ["Form.Address"] = "Xóm Hai, xã Dân Tiến",
        ["Form.Phone"] = "0987 654 321",
        ["Form.Email"] = "binh@example.com",
        ["Form.ConsentProcessing"] = "true",
    };

    [Fact]
    public async Task A_complaint_with_a_photo_is_stored_with_its_trail_and_e_mails_and_the_receipt_shows_code_department_and_deadlines()
    {
        using var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];

        using var sent = await SendAsync(client, Complaint(), ("ảnh hiện trạng.jpg", photo));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var receiptUrl = sent.Headers.Location!.ToString();
        Assert.Matches(@"^/phan-anh-kien-nghi/tra-cuu\?ma=PAKN-2026-\d{6}&khoa=[A-Za-z0-9_-]{43}&moi=1$", receiptUrl);

        var receipt = await Html.GetAsync(client, receiptUrl);
        Assert.Equal("Đã gửi phản ánh", receipt.QuerySelector("h1")!.TextContent);
        var code = receipt.QuerySelector(".receipt-code strong")!.TextContent;
        var summary = receipt.QuerySelector(".case-summary")!.TextContent;
        Assert.Contains("Phòng Kinh tế", summary, StringComparison.Ordinal);
        Assert.Contains("Hạn thụ lý", summary, StringComparison.Ordinal);
        Assert.Contains("vụ việc phức tạp", summary, StringComparison.Ordinal);
        Assert.Contains("Đã tiếp nhận", summary, StringComparison.Ordinal);

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        var stored = await db.Cases.Include(c => c.Attachments).Include(c => c.Events).SingleAsync(c => c.Code == code, Cancel);
        Assert.Equal((FeedbackKind.Complaint, "phong-kinh-te", "0987654321", CaseStatus.Received), (stored.Kind, stored.Department, stored.Phone, stored.Status));
        Assert.Equal("Quyết định số 12/QĐ-UBND ngày 01/11/2026", stored.ComplaintSubject);
        Assert.NotNull(stored.AcceptBy);
        Assert.False(stored.ConsentToPublish);
        var attachment = Assert.Single(stored.Attachments);
        Assert.Equal(("ảnh hiện trạng.jpg", FileTypes.Jpeg, photo.Length), (attachment.FileName, attachment.ContentType, (int)attachment.Size));
        Assert.Equal(["submitted", "routed"], stored.Events.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Equal("phong-kinh-te", stored.Events.Single(e => e.Action == "routed").ToDepartment);

        var mail = await db.Outbox.Where(m => m.CaseId == stored.Id).OrderBy(m => m.Id).ToListAsync(Cancel);
        Assert.Equal(["department-notice", "citizen-receipt"], mail.Select(m => m.Purpose));
        Assert.Equal("mot-cua@dantien.example", mail[0].To);
        Assert.DoesNotContain("Trần Thị Bình", mail[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("0987", mail[0].TextBody, StringComparison.Ordinal);
        Assert.Equal("binh@example.com", mail[1].To);
        Assert.Contains(code, mail[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("/phan-anh-kien-nghi/tra-cuu?ma=" + code + "&khoa=", mail[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_department_notice_and_the_citizen_receipt_reach_a_real_smtp_server()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var app = Portal.WithWebHostBuilder(smtp.Configure);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var sent = await SendAsync(client, Complaint());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var messages = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(15));
        var receipt = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "binh@example.com");
        Assert.StartsWith("Xã Dân Tiến đã nhận phản ánh PAKN-", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains("Phòng, ban xử lý: Phòng Kinh tế", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("/phan-anh-kien-nghi/tra-cuu?ma=PAKN-", receipt.TextBody, StringComparison.Ordinal);
        var notice = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "mot-cua@dantien.example");
        Assert.EndsWith("Khiếu nại: Khiếu nại quyết định thu hồi đất", notice.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_citizen_finds_the_case_with_its_code_and_phone_in_any_usual_form()
    {
        using var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var sent = await SendAsync(client, Complaint());
        var location = sent.Headers.Location!.ToString();
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location[location.IndexOf('?', StringComparison.Ordinal)..])["ma"].ToString();

        var lookup = await Html.GetAsync(client, "/phan-anh-kien-nghi/tra-cuu");
        using var found = await client.PostAsync(new Uri("/phan-anh-kien-nghi/tra-cuu", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = lookup.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Code"] = code.ToLowerInvariant(),
            ["Phone"] = "+84 987.654.321",
        }), Cancel);

        var page = await Html.ParseAsync(found);
        Assert.Equal($"Phản ánh {code}", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".timeline li").Length);
        Assert.Contains("Chuyển tới Phòng Kinh tế", page.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_submission_keeps_every_typed_value_and_puts_each_problem_next_to_its_field()
    {
        using var client = Portal.CreateClient();
        var fields = Complaint();
        fields["Form.Phone"] = "12345";
        fields.Remove("Form.ComplaintAgainst");

        using var response = await SendAsync(client, fields, ("ghi chú.txt", "chỉ là chữ"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(3, page.QuerySelectorAll(".error-summary li").Length);
        var phone = page.QuerySelector("#phone")!;
        Assert.Equal("12345", phone.GetAttribute("value"));
        Assert.Equal("true", phone.GetAttribute("aria-invalid"));
        Assert.StartsWith("Số điện thoại chưa đúng", page.GetElementById(phone.GetAttribute("aria-describedby")!.Split(' ')[^1])!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Vui lòng ghi rõ người hoặc cơ quan bị khiếu nại.", page.GetElementById("loi-complaintagainst")!.TextContent);
        Assert.Contains("không phải ảnh JPG", page.GetElementById("loi-files")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("vui lòng chọn lại 1 tệp", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(fields["Form.Content"], page.QuerySelector("#content")!.TextContent);
        Assert.Equal(fields["Form.ComplaintSubject"], page.QuerySelector("#complaintsubject")!.TextContent);
        Assert.NotNull(page.QuerySelector("#kind-khieu-nai[checked]"));
        Assert.NotNull(page.QuerySelector("#category option[value=dat-dai-xay-dung][selected]"));
        Assert.NotNull(page.QuerySelector("#consentprocessing[checked]"));

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        Assert.False(await db.Cases.AnyAsync(c => c.Name == "Trần Thị Bình" && c.Phone == "12345", Cancel));
    }

    [Fact]
    public async Task The_form_opens_on_the_kind_and_procedure_a_link_asks_for_and_works_without_script()
    {
        using var client = Portal.CreateClient();

        var page = await Html.GetAsync(client, "/phan-anh-kien-nghi/gui?loai=hanh-vi&thu-tuc=dang-ky-khai-sinh");

        Assert.NotNull(page.QuerySelector("#kind-hanh-vi[checked]"));
        Assert.NotNull(page.QuerySelector("#procedure option[value=dang-ky-khai-sinh][selected]"));
        Assert.Equal("multipart/form-data", page.QuerySelector("form.feedback-form")!.GetAttribute("enctype"));
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.All(page.QuerySelectorAll(".feedback-form input:not([type=hidden]), .feedback-form select, .feedback-form textarea"),
            control => Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']")));
    }
}
