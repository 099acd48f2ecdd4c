using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Tests.Staff;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Plan;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Plan;

/// <summary>
/// The plan's task tracker: staff set a task's status and progress note at /can-bo/nhiem-vu, and
/// the public tracker and the lead department's page show the latest one.
/// </summary>
public sealed class PlanTaskTrackerTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Tracker = "/ke-hoach/cai-cach-hanh-chinh-2026/nhiem-vu";

    /// <summary>Task 12 is led by Phòng Kinh tế; task 1 by Phòng Văn hóa – Xã hội.</summary>
    private const int EconomyTask = 12;

    private const int CultureTask = 1;

    [Fact]
    public async Task A_leader_updates_a_task_and_the_public_tracker_and_department_page_show_it()
    {
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        var page = await Html.GetAsync(leader.Client, "/can-bo/nhiem-vu");
        Assert.NotNull(page.QuerySelector($"#cap-nhat-{CultureTask}"));

        using var saved = await StaffPortal.SubmitAsync(leader.Client, page, $"#cap-nhat-{EconomyTask}", new()
        {
            ["Number"] = $"{EconomyTask}",
            ["Status"] = "dang-thuc-hien",
            ["Note"] = "Đã rà soát 40/52 thủ tục; dự kiến xong trong tháng 12.",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/can-bo/nhiem-vu#nhiem-vu-{EconomyTask}", saved.Headers.Location?.ToString());
        var after = await Html.GetAsync(leader.Client, "/can-bo/nhiem-vu");
        Assert.Contains($"Đã lưu trạng thái nhiệm vụ số {EconomyTask}", after.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);

        using var anonymous = portal.CreateClient();
        var today = Web.Content.Display.Date(Web.Content.Display.LocalDate(DateTimeOffset.UtcNow));
        foreach (var path in new[] { Tracker, "/co-quan/phong-kinh-te" })
        {
            var publicPage = await Html.GetAsync(anonymous, path);
            var cell = publicPage.QuerySelector($"#nhiem-vu-{EconomyTask}")!.Children[5];
            Assert.Equal("Đang thực hiện", cell.QuerySelector(".status")!.TextContent.Trim());
            Assert.Equal("Đã rà soát 40/52 thủ tục; dự kiến xong trong tháng 12.", cell.QuerySelector(".task-note")!.TextContent.Trim());
            Assert.Contains(today, cell.QuerySelector(".task-updated")!.TextContent, StringComparison.Ordinal);
        }

        // The other tasks keep the status of the file.
        var tracker = await Html.GetAsync(anonymous, Tracker);
        Assert.Equal("Chưa cập nhật", tracker.QuerySelector("#nhiem-vu-3")!.Children[5].TextContent.Trim());
        Assert.Contains("Đang thực hiện", tracker.QuerySelector(".summary-counts")!.TextContent, StringComparison.Ordinal);

        // A later update wins; the earlier one stays in the table.
        var again = await Html.GetAsync(leader.Client, "/can-bo/nhiem-vu");
        using var done = await StaffPortal.SubmitAsync(leader.Client, again, $"#cap-nhat-{EconomyTask}", new()
        {
            ["Number"] = $"{EconomyTask}",
            ["Status"] = "hoan-thanh",
            ["Note"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var latest = (await Html.GetAsync(anonymous, Tracker)).QuerySelector($"#nhiem-vu-{EconomyTask}")!.Children[5];
        Assert.Equal("Hoàn thành", latest.QuerySelector(".status")!.TextContent.Trim());
        Assert.Null(latest.QuerySelector(".task-note"));
        var rows = await UpdatesAsync(EconomyTask);
        Assert.Equal(["dang-thuc-hien", "hoan-thanh"], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Equal(leader.Email, r.By));
    }

    [Fact]
    public async Task A_handler_updates_the_tasks_of_their_department_and_is_refused_another_departments()
    {
        var handler = await StaffSession.SignInAsync(portal, StaffRoles.Handler, "phong-van-hoa-xa-hoi");
        var page = await Html.GetAsync(handler.Client, "/can-bo/nhiem-vu");
        Assert.NotNull(page.QuerySelector($"#cap-nhat-{CultureTask}"));
        Assert.Null(page.QuerySelector($"#cap-nhat-{EconomyTask}"));
        var before = (await UpdatesAsync(EconomyTask)).Count;

        // Posting for task 12 with the token of the page's own form: refused on the server.
        using var refused = await StaffPortal.SubmitAsync(handler.Client, page, $"#cap-nhat-{CultureTask}", new()
        {
            ["Number"] = $"{EconomyTask}",
            ["Status"] = "hoan-thanh",
            ["Note"] = "Không phải việc của phòng này.",
        });

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/can-bo/khong-co-quyen", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, (await UpdatesAsync(EconomyTask)).Count);

        using var allowed = await StaffPortal.SubmitAsync(handler.Client, page, $"#cap-nhat-{CultureTask}", new()
        {
            ["Number"] = $"{CultureTask}",
            ["Status"] = "hoan-thanh",
            ["Note"] = "Đã tự chấm điểm và gửi hồ sơ.",
        });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("hoan-thanh", (await UpdatesAsync(CultureTask))[^1].Status);
    }

    [Fact]
    public async Task An_editor_may_read_the_tasks_but_not_update_them()
    {
        var editor = await StaffSession.SignInAsync(portal, StaffRoles.Editor);
        var page = await Html.GetAsync(editor.Client, "/can-bo/nhiem-vu");
        Assert.Equal(12, page.QuerySelectorAll(".task-table tbody tr").Length);
        Assert.Empty(page.QuerySelectorAll("form.task-form"));

        // A token of the page (its sign-out form's) and a hand-made form: refused on the server.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Number"] = $"{CultureTask}",
            ["Status"] = "hoan-thanh",
        });
        using var post = await editor.Client.PostAsync(new Uri("/can-bo/nhiem-vu", UriKind.Relative), body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/can-bo/khong-co-quyen", post.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_reach_or_post_to_the_staff_page()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var get = await client.GetAsync(new Uri("/can-bo/nhiem-vu", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("http://localhost/can-bo/dang-nhap?ReturnUrl=", get.Headers.Location!.ToString(), StringComparison.Ordinal);

        var before = (await UpdatesAsync(CultureTask)).Count;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Number"] = $"{CultureTask}", ["Status"] = "hoan-thanh" });
        using var post = await client.PostAsync(new Uri("/can-bo/nhiem-vu", UriKind.Relative), body, TestContext.Current.CancellationToken);
        Assert.False(post.IsSuccessStatusCode, $"{(int)post.StatusCode}");
        Assert.Equal(before, (await UpdatesAsync(CultureTask)).Count);
    }

    [Theory]
    [InlineData("khong-co", "ngắn", "Vui lòng chọn trạng thái")]
    [InlineData("dang-thuc-hien", null, "tối đa 1000 ký tự")]
    public async Task An_unknown_status_or_a_note_over_1000_characters_is_refused_with_the_form_kept(string status, string? note, string message)
    {
        var leader = await StaffSession.SignInAsync(portal, StaffRoles.Leader);
        var page = await Html.GetAsync(leader.Client, "/can-bo/nhiem-vu");
        var before = (await UpdatesAsync(CultureTask)).Count;
        note ??= new string('a', PlanTaskTracker.NoteLength + 1);

        using var response = await StaffPortal.SubmitAsync(leader.Client, page, $"#cap-nhat-{CultureTask}", new()
        {
            ["Number"] = $"{CultureTask}",
            ["Status"] = status,
            ["Note"] = note,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await Html.ParseAsync(response);
        Assert.Contains(message, result.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(note, result.QuerySelector($"#ghi-chu-{CultureTask}")!.TextContent);
        Assert.Equal(before, (await UpdatesAsync(CultureTask)).Count);
    }

    private async Task<List<PlanTaskUpdate>> UpdatesAsync(int number)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        return await db.PlanTaskUpdates.AsNoTracking().Where(u => u.TaskNumber == number).OrderBy(u => u.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
