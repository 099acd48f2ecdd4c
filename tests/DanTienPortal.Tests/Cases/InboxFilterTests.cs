using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using static DanTienPortal.Tests.Cases.CaseDeskClient;

namespace DanTienPortal.Tests.Cases;

/// <summary>The inbox's filters and counts, and overdue and due-soon cases marked in words, on a database of this class alone.</summary>
public sealed class InboxFilterTests(FeedbackPortal portal) : IClassFixture<FeedbackPortal>, IDisposable
{
    private readonly FeedbackClient _citizen = new(portal);

    private async Task<(string Code, long Id)> SubmitAsync(string title, string category = "ha-tang", string kind = "gop-y")
    {
        var receipt = await _citizen.SubmitValidAsync(f => (f["Form.Title"], f["Form.Category"]) = (title, category), kind: kind);
        return (receipt.Code, (await FeedbackDb.LoadAsync(portal.ConnectionString, receipt.Code)).Id);
    }

    [Fact]
    public async Task Filters_counts_and_due_marks()
    {
        var overdue = await SubmitAsync("Ổ gà trên đường");
        var soon = await SubmitAsync("Khiếu nại thu hồi đất", kind: "khieu-nai");
        var answered = await SubmitAsync("Cây đổ chắn đường");
        var office = await SubmitAsync("Tiếp dân chậm", category: "thai-do-can-bo");
        await FeedbackDb.ExecuteAsync(portal.ConnectionString, $"UPDATE feedback_cases SET due_by = {Sql(Today.AddDays(-3))} WHERE id = {overdue.Id}");
        await FeedbackDb.ExecuteAsync(portal.ConnectionString, $"UPDATE feedback_cases SET due_by = {Sql(Today)} WHERE id = {soon.Id}");
        await FeedbackDb.ExecuteAsync(portal.ConnectionString, $"UPDATE feedback_cases SET due_by = {Sql(Today.AddDays(-10))}, status = {(int)CaseStatus.Answered} WHERE id = {answered.Id}");
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);

        var (_, inbox) = await GetAsync(leader.Client, "/can-bo/phan-anh");
        Assert.Equal(4, Codes(inbox).Count);
        var counts = inbox.QuerySelectorAll(".case-counts li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Đang mở: 3", counts);
        Assert.Contains("Đã tiếp nhận: 3", counts);
        Assert.Contains("Đã trả lời: 1", counts);
        Assert.Contains("Đang xử lý: 0", counts);
        Assert.Contains("Quá hạn: 1", counts);
        Assert.Contains("Sắp đến hạn: 1", counts);
        Assert.Contains("Quá hạn", Row(inbox, overdue.Code)!.QuerySelector(".due-overdue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sắp đến hạn", Row(inbox, soon.Code)!.QuerySelector("strong.due-soon")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("hạn", Row(inbox, answered.Code)!.QuerySelectorAll("td")[^1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Quá hạn", Row(inbox, office.Code)!.TextContent, StringComparison.Ordinal);
        Assert.Equal(overdue.Code, Codes(inbox)[0]);

        Assert.Equal([overdue.Code], Codes((await GetAsync(leader.Client, "/can-bo/phan-anh?han=qua-han")).Page));
        Assert.Equal([soon.Code], Codes((await GetAsync(leader.Client, "/can-bo/phan-anh?han=sap-den-han")).Page));
        Assert.Equal([soon.Code], Codes((await GetAsync(leader.Client, "/can-bo/phan-anh?loai=khieu-nai")).Page));
        Assert.Equal([answered.Code], Codes((await GetAsync(leader.Client, "/can-bo/phan-anh?trang-thai=da-tra-loi")).Page));
        Assert.Equal([office.Code], Codes((await GetAsync(leader.Client, "/can-bo/phan-anh?phong=van-phong-hdnd-ubnd")).Page));
        Assert.DoesNotContain(answered.Code, Codes((await GetAsync(leader.Client, "/can-bo/phan-anh?trang-thai=mo")).Page));

        var (_, filtered) = await GetAsync(leader.Client, "/can-bo/phan-anh?trang-thai=mo&loai=gop-y&phong=phong-kinh-te");
        Assert.Equal([overdue.Code], Codes(filtered));
        Assert.NotNull(filtered.QuerySelector("#loai option[value=gop-y][selected]"));

        // A handler's counts and filters cover their department only, and cannot be widened from the address.
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "van-phong-hdnd-ubnd");
        var (_, own) = await GetAsync(handler.Client, "/can-bo/phan-anh?phong=phong-kinh-te");
        Assert.Equal([office.Code], Codes(own));
        Assert.Null(own.QuerySelector("select#phong"));
        Assert.Contains("Đang mở: 1", own.QuerySelectorAll(".case-counts li").Select(li => li.TextContent.Trim()));

        var (_, home) = await GetAsync(leader.Client, "/can-bo");
        var economy = home.QuerySelectorAll("#phan-anh-phong ~ div tbody tr").Single(r => r.TextContent.Contains("Phòng Kinh tế", StringComparison.Ordinal));
        Assert.Equal(["2", "1"], economy.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    public void Dispose() => _citizen.Dispose();
}
