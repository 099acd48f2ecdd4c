using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using static DanTienPortal.Tests.Cases.CaseDeskClient;

namespace DanTienPortal.Tests.Cases;

/// <summary>Each action from every status: done and recorded where it makes sense, refused and harmless elsewhere.</summary>
public sealed class CaseActionTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private readonly FeedbackClient _citizen = new(portal);

    private async Task<long> SubmitAsync(string kind = "gop-y")
    {
        var receipt = await _citizen.SubmitValidAsync(kind: kind);
        return (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id;
    }

    private Task<int> SetStatusAsync(long id, CaseStatus status) =>
        FeedbackDb.ExecuteAsync(portal.ConnectionString, $"UPDATE feedback_cases SET status = {(int)status} WHERE id = {id}");

    [Theory]
    [InlineData("Accept")]
    [InlineData("RequestInformation")]
    [InlineData("Transfer")]
    [InlineData("Answer")]
    [InlineData("Reject")]
    [InlineData("Close")]
    public async Task Each_action_is_offered_and_done_only_from_the_statuses_that_allow_it(string handler)
    {
        var action = Enum.Parse<CaseAction>(handler);
        var id = await SubmitAsync();
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);

        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            await SetStatusAsync(id, from);
            var before = await CaseAsync(portal.ConnectionString, id);
            var (_, page) = await GetAsync(leader.Client, CasePath(id));
            var allowed = CaseDesk.Allowed(action, from);
            var offered = page.QuerySelectorAll("form").Any(f => f.GetAttribute("action")?.Contains($"handler={handler}", StringComparison.Ordinal) == true);
            Assert.True(allowed == offered, $"{handler} from {from}: offered {offered}");

            var to = before.Department == "phong-kinh-te" ? "phong-van-hoa-xa-hoi" : "phong-kinh-te";
            var fields = new Dictionary<string, string>
            {
                ["Question"] = "Đề nghị cho biết vị trí cụ thể.",
                ["TransferTo"] = to,
                ["TransferReason"] = "Thuộc lĩnh vực của phòng khác.",
                ["AnswerText"] = "Xã đã cử người sửa chữa.",
                ["RejectReason"] = "trung-lap",
            };
            using var response = await PostAsync(leader.Client, page, id, handler, fields, portal.ConnectionString);
            var after = await CaseAsync(portal.ConnectionString, id);
            if (!allowed)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{handler} from {from}: {(int)response.StatusCode}");
                Assert.Equal(from, after.Status);
                Assert.Equal(before.Department, after.Department);
                Assert.Equal(before.Events.Count, after.Events.Count);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler} from {from}: {(int)response.StatusCode}");
            var expected = action switch
            {
                CaseAction.Accept => CaseStatus.Accepted,
                CaseAction.RequestInformation => CaseStatus.NeedsInformation,
                CaseAction.Transfer => from,
                CaseAction.Answer => CaseStatus.Answered,
                CaseAction.Reject => CaseStatus.Rejected,
                _ => CaseStatus.Closed,
            };
            Assert.Equal(expected, after.Status);
            var e = Assert.Single(after.Events, e => !before.Events.Any(b => b.Id == e.Id));
            Assert.Equal(leader.Email, e.Actor);
            Assert.Equal((from, expected), (e.FromStatus, e.ToStatus));
            switch (action)
            {
                case CaseAction.Transfer:
                    Assert.Equal(to, after.Department);
                    Assert.Equal((before.Department, to, "Thuộc lĩnh vực của phòng khác."), (e.FromDepartment, e.ToDepartment, e.Note));
                    break;
                case CaseAction.RequestInformation:
                    Assert.Equal("Đề nghị cho biết vị trí cụ thể.", e.Note);
                    break;
                case CaseAction.Answer:
                    Assert.Equal(("Xã đã cử người sửa chữa.", leader.Email), (after.Answer, after.AnsweredBy));
                    Assert.NotNull(after.AnsweredAt);
                    break;
                case CaseAction.Reject:
                    Assert.Equal("trung-lap", after.RejectReason);
                    break;
                case CaseAction.Close:
                    Assert.NotNull(after.ClosedAt);
                    break;
            }
        }
    }

    [Fact]
    public async Task Accepting_a_complaint_counts_its_deadline_from_today_in_calendar_days()
    {
        var id = await SubmitAsync("khieu-nai");
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var (_, page) = await GetAsync(handler.Client, CasePath(id));

        using var response = await PostAsync(handler.Client, page, id, "Accept");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var accepted = await CaseAsync(portal.ConnectionString, id);
        Assert.Equal(CaseStatus.Accepted, accepted.Status);
        // 30 days from today, moved to the next working day if it falls on a day off.
        Assert.InRange(accepted.DueBy, Today.AddDays(30), Today.AddDays(36));
    }

    [Fact]
    public async Task Required_words_are_asked_for_and_nothing_changes_without_them()
    {
        var id = await SubmitAsync();
        await SetStatusAsync(id, CaseStatus.Accepted);
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var before = await CaseAsync(portal.ConnectionString, id);

        foreach (var (name, field) in (ValueTuple<string, string>[])[("Answer", "answer"), ("RequestInformation", "question"), ("Transfer", "transfer-to"), ("Reject", "reject-reason"), ("Note", "note")])
        {
            var (_, page) = await GetAsync(handler.Client, CasePath(id));
            using var response = await PostAsync(handler.Client, page, id, name, new Dictionary<string, string> { ["AnswerText"] = " ", ["RejectReason"] = "khong-co" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await Html.ParseAsync(response);
            Assert.NotNull(result.QuerySelector($".error-summary a[href='#{field}']"));
            Assert.Equal("true", result.QuerySelector($"#{field}")?.GetAttribute("aria-invalid"));
        }

        var after = await CaseAsync(portal.ConnectionString, id);
        Assert.Equal((CaseStatus.Accepted, before.Events.Count), (after.Status, after.Events.Count));
    }

    [Fact]
    public async Task Internal_notes_are_kept_with_their_author_and_recorded_in_the_trail()
    {
        var id = await SubmitAsync();
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var (_, page) = await GetAsync(handler.Client, CasePath(id));

        using var response = await PostAsync(handler.Client, page, id, "Note", new Dictionary<string, string> { ["NoteText"] = "Đã gọi điện cho thôn trưởng." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await GetAsync(handler.Client, CasePath(id));
        Assert.Contains("Đã gọi điện cho thôn trưởng.", after.QuerySelector(".case-notes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains((await CaseAsync(portal.ConnectionString, id)).Events, e => e.Action == "noted" && e.Actor == handler.Email);
    }

    [Fact]
    public async Task A_handler_who_transfers_a_case_loses_it_and_the_new_department_gets_it()
    {
        var id = await SubmitAsync();
        var economy = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var culture = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-van-hoa-xa-hoi");
        var (_, page) = await GetAsync(economy.Client, CasePath(id));

        using var response = await PostAsync(economy.Client, page, id, "Transfer", new Dictionary<string, string>
        {
            ["TransferTo"] = "phong-van-hoa-xa-hoi", ["TransferReason"] = "Nội dung về văn hóa.",
        });

        Assert.Equal("/can-bo/phan-anh?da-chuyen=1", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(economy.Client, CasePath(id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(culture.Client, CasePath(id))).Status);
    }

    [Fact]
    public async Task Two_staff_acting_at_once_the_second_is_told_and_nothing_is_overwritten()
    {
        var id = await SubmitAsync();
        await SetStatusAsync(id, CaseStatus.Accepted);
        var first = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var second = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        var (_, firstPage) = await GetAsync(first.Client, CasePath(id));
        var (_, secondPage) = await GetAsync(second.Client, CasePath(id));
        var before = await CaseAsync(portal.ConnectionString, id);

        using var answered = await PostAsync(first.Client, firstPage, id, "Answer", new Dictionary<string, string> { ["AnswerText"] = "Trả lời của người thứ nhất." });
        using var rejected = await PostAsync(second.Client, secondPage, id, "Reject", new Dictionary<string, string> { ["RejectReason"] = "trung-lap" });

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
        var shown = await Html.ParseAsync(rejected);
        Assert.Contains("Phản ánh vừa được người khác cập nhật", shown.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Trả lời của người thứ nhất.", shown.Body!.TextContent, StringComparison.Ordinal);

        var after = await CaseAsync(portal.ConnectionString, id);
        Assert.Equal((CaseStatus.Answered, "Trả lời của người thứ nhất.", (string?)null), (after.Status, after.Answer, after.RejectReason));
        Assert.Equal(["answered"], after.Events.Where(e => !before.Events.Any(b => b.Id == e.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Two_staff_posting_at_the_same_moment_one_wins_and_one_gets_the_conflict()
    {
        var id = await SubmitAsync();
        var first = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var second = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-kinh-te");
        var (_, firstPage) = await GetAsync(first.Client, CasePath(id));
        var (_, secondPage) = await GetAsync(second.Client, CasePath(id));

        var responses = await Task.WhenAll(
            PostAsync(first.Client, firstPage, id, "Accept"),
            PostAsync(second.Client, secondPage, id, "Reject", new Dictionary<string, string> { ["RejectReason"] = "trung-lap" }));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var after = await CaseAsync(portal.ConnectionString, id);
        var done = Assert.Single(after.Events, e => e.Action is "accepted" or "rejected");
        Assert.Equal(done.Action == "accepted" ? CaseStatus.Accepted : CaseStatus.Rejected, after.Status);
        Assert.Equal(done.Action == "rejected", after.RejectReason == "trung-lap");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    public void Dispose() => _citizen.Dispose();
}
