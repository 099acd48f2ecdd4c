using System.Net;
using AngleSharp.Dom;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using static DanTienPortal.Tests.Cases.CaseDeskClient;

namespace DanTienPortal.Tests.Cases;

/// <summary>What the citizen gets back: the answer by e-mail and on the tracking page, the question, the refusal, and one rating.</summary>
public sealed class CaseAnswerTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>
{
    private static async Task<IDocument> PageAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return await Html.ParseAsync(response);
    }

    private static async Task<HttpResponseMessage> RateAsync(FeedbackClient citizen, IDocument page, IReadOnlyDictionary<string, string> fields)
    {
        // A page without a form carries no token: a crafted request takes one from the lookup form.
        var token = page.QuerySelector($"input[name={FeedbackClient.TokenField}]")?.GetAttribute("value")
            ?? (await citizen.OpenFormAsync(FeedbackClient.TrackPath)).AntiforgeryToken;
        var values = new Dictionary<string, string>(fields) { [FeedbackClient.TokenField] = token };
        using var body = new FormUrlEncodedContent(values);
        return await citizen.Http.PostAsync(new Uri($"{FeedbackClient.TrackPath}?handler=Rate", UriKind.Relative), body, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_answer_is_emailed_shown_on_the_tracking_page_and_rated_once()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var app = portal.WithWebHostBuilder(smtp.Configure);
        using var citizen = new FeedbackClient(app);
        var receipt = await citizen.SubmitValidAsync(f => f["Form.Email"] = "hoa@example.test");
        var id = (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id;
        var handler = await StaffSession.SignInAsync(app, StaffRoles.Handler, "phong-kinh-te");

        var (_, page) = await GetAsync(handler.Client, CasePath(id));
        (await PostAsync(handler.Client, page, id, "Accept")).Dispose();
        (_, page) = await GetAsync(handler.Client, CasePath(id));
        using var answered = await PostAsync(handler.Client, page, id, "Answer", new Dictionary<string, string> { ["AnswerText"] = "Ngày 10/3 xã đã thay bóng đèn ở ba cột cuối thôn Đông." });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var messages = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(10));
        var mail = Assert.Single(messages, m => m.Subject == $"Trả lời phản ánh {receipt.Code}");
        Assert.Equal("hoa@example.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Ngày 10/3 xã đã thay bóng đèn", mail.TextBody, StringComparison.Ordinal);

        var privateLink = $"{FeedbackClient.TrackPath}?ma={receipt.Code}&khoa={receipt.Key}";
        var tracking = await PageAsync(citizen.GetAsync(privateLink));
        Assert.Contains("Ngày 10/3 xã đã thay bóng đèn", tracking.QuerySelector("#tra-loi")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains(tracking.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("Đã trả lời.", StringComparison.Ordinal));
        var form = tracking.QuerySelector("form.rating-form")!;
        Assert.False(string.IsNullOrWhiteSpace(form.QuerySelector("fieldset > legend")?.TextContent));
        Assert.Equal(5, form.QuerySelectorAll("fieldset input[type=radio][name=Rating]").Length);
        Assert.NotNull(form.QuerySelector("label[for=rating-comment]"));

        // A wrong key is refused before anything is saved.
        using var wrongKey = await RateAsync(citizen, tracking, new Dictionary<string, string> { ["Code"] = receipt.Code, ["Key"] = new string('A', receipt.Key.Length), ["Rating"] = "1" });
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Null((await CaseAsync(portal.ConnectionString, id)).Rating);

        var fields = new Dictionary<string, string> { ["Code"] = receipt.Code, ["Key"] = receipt.Key, ["Rating"] = "4", ["RatingComment"] = "Xử lý nhanh." };
        using var rated = await RateAsync(citizen, tracking, fields);
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var ratedPage = await Html.ParseAsync(rated);
        Assert.Contains("Cảm ơn", ratedPage.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(ratedPage.QuerySelector("form.rating-form"));

        using var again = await RateAsync(citizen, tracking, new Dictionary<string, string>(fields) { ["Rating"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("đã được đánh giá", (await Html.ParseAsync(again)).QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);

        // By code and phone too, the rating stays the first one.
        using var byPhone = await RateAsync(citizen, tracking, new Dictionary<string, string> { ["Code"] = receipt.Code, ["Phone"] = FeedbackClient.Phone, ["Rating"] = "2" });
        Assert.Equal(HttpStatusCode.Conflict, byPhone.StatusCode);

        var stored = await CaseAsync(portal.ConnectionString, id);
        Assert.Equal((4, "Xử lý nhanh."), (stored.Rating, stored.RatingComment));
        Assert.NotNull(stored.RatedAt);
        Assert.Single(stored.Events, e => e.Action == "rated" && e.Actor == "citizen");
        Assert.Equal(["submitted", "routed", "accepted", "answered", "rated"], stored.Events.OrderBy(e => e.Id).Select(e => e.Action));
    }

    [Fact]
    public async Task A_rating_by_code_and_phone_works_and_a_case_without_answer_cannot_be_rated()
    {
        using var citizen = new FeedbackClient(portal);
        var receipt = await citizen.SubmitValidAsync();
        var id = (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id;
        var page = await PageAsync(citizen.LookupAsync(receipt.Code, FeedbackClient.Phone));
        Assert.Null(page.QuerySelector("form.rating-form"));

        using var early = await RateAsync(citizen, page, new Dictionary<string, string> { ["Code"] = receipt.Code, ["Phone"] = FeedbackClient.Phone, ["Rating"] = "5" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await FeedbackDb.ExecuteAsync(portal.ConnectionString, $"UPDATE feedback_cases SET status = {(int)CaseStatus.Answered}, answer = 'Đã xử lý.', answered_at = now() WHERE id = {id}");
        page = await PageAsync(citizen.LookupAsync(receipt.Code, FeedbackClient.Phone));
        var form = page.QuerySelector("form.rating-form")!;
        Assert.Equal(FeedbackClient.Phone, form.QuerySelector("input[name=Phone]")?.GetAttribute("value"));

        using var tooLong = await RateAsync(citizen, page, new Dictionary<string, string> { ["Code"] = receipt.Code, ["Phone"] = FeedbackClient.Phone, ["Rating"] = "5", ["RatingComment"] = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var rated = await RateAsync(citizen, page, new Dictionary<string, string> { ["Code"] = receipt.Code, ["Phone"] = FeedbackClient.Phone, ["Rating"] = "5" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(5, (await CaseAsync(portal.ConnectionString, id)).Rating);
    }

    [Fact]
    public async Task The_citizen_sees_the_question_asked_and_the_reason_of_a_refusal()
    {
        using var citizen = new FeedbackClient(portal);
        var receipt = await citizen.SubmitValidAsync();
        var id = (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id;
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var privateLink = $"{FeedbackClient.TrackPath}?ma={receipt.Code}&khoa={receipt.Key}";

        var (_, page) = await GetAsync(handler.Client, CasePath(id));
        (await PostAsync(handler.Client, page, id, "RequestInformation", new Dictionary<string, string> { ["Question"] = "Cột đèn nào, gần nhà ai?" })).Dispose();
        var tracking = await PageAsync(citizen.GetAsync(privateLink));
        Assert.Contains("Cột đèn nào, gần nhà ai?", tracking.QuerySelector("#bo-sung")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cần bổ sung thông tin", tracking.QuerySelector(".case-summary")!.TextContent, StringComparison.Ordinal);

        (_, page) = await GetAsync(handler.Client, CasePath(id));
        (await PostAsync(handler.Client, page, id, "Reject", new Dictionary<string, string> { ["RejectReason"] = "thieu-thong-tin", ["RejectNote"] = "Quá 15 ngày chưa bổ sung." })).Dispose();
        tracking = await PageAsync(citizen.GetAsync(privateLink));
        var refusal = tracking.QuerySelector("#khong-thu-ly")!.ParentElement!.TextContent;
        Assert.Contains(RejectReasons.All["thieu-thong-tin"], refusal, StringComparison.Ordinal);
        Assert.Contains("Quá 15 ngày chưa bổ sung.", refusal, StringComparison.Ordinal);
        Assert.Null(tracking.QuerySelector("#bo-sung"));
    }
}
