using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Retention;

/// <summary>
/// The daily digest: each department with open cases overdue or due within two working days, and
/// every leader, get one e-mail a day through the outbox, even with several nodes; it names no citizen.
/// </summary>
public sealed class DigestJobTests(JobsPortal portal) : IClassFixture<JobsPortal>
{
    /// <summary>Wednesday 9 December 2026, a working day.</summary>
    private static readonly DateOnly Day = new(2026, 12, 9);

    /// <summary>08:00 in Vietnam that day, after the digest hour (7).</summary>
    private static readonly DateTimeOffset Morning = new(2026, 12, 9, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_nodes_running_the_digest_for_the_same_day_send_each_recipient_one_message()
    {
        await CreateAsync(StaffRoles.Leader);
        await CreateAsync(StaffRoles.Leader);
        await CreateAsync(StaffRoles.Handler, "phong-kinh-te");
        var leaders = await LeaderEmailsAsync();
        var submitted = Morning.AddDays(-30);
        var overdue = await CaseRows.InsertAsync(portal.ConnectionString, submitted, c =>
        {
            c.Kind = FeedbackKind.Regulation;
            c.Title = "Đường liên xóm Đồng Cả xuống cấp";
            c.DueBy = Day.AddDays(-5);
        });
        var dueSoon = await CaseRows.InsertAsync(portal.ConnectionString, submitted, c =>
        {
            c.Kind = FeedbackKind.Suggestion;
            c.Status = CaseStatus.Received;
            c.Department = "phong-van-hoa-xa-hoi";
            c.Title = "Đề nghị mở thêm giờ thư viện";
            c.DueBy = Day.AddDays(1);
        });
        var answered = await CaseRows.InsertAsync(portal.ConnectionString, submitted, c =>
        {
            c.Status = CaseStatus.Answered;
            c.DueBy = Day.AddDays(-10);
        });
        var later = await CaseRows.InsertAsync(portal.ConnectionString, submitted, c =>
        {
            c.Department = "phong-van-hoa-xa-hoi";
            c.DueBy = Day.AddDays(20);
        });
        var closed = await CaseRows.InsertAsync(portal.ConnectionString, submitted, c =>
        {
            c.Department = "trung-tam-phuc-vu-hanh-chinh-cong";
            c.Status = CaseStatus.Closed;
            c.ClosedAt = Morning.AddDays(-2);
            c.DueBy = Day.AddDays(-3);
        });

        await using var second = portal.SecondJobsNode();
        var jobs = new[] { portal.Services.GetRequiredService<DigestJob>(), second.Services.GetRequiredService<DigestJob>() };

        // Before the digest hour, nothing; then both nodes at once, twice.
        Assert.Equal(0, await jobs[0].RunOnceAsync(Morning.AddHours(-2), TestContext.Current.CancellationToken));
        var queued = await Task.WhenAll(jobs.Select(j => j.RunOnceAsync(Morning, TestContext.Current.CancellationToken)));
        var again = await Task.WhenAll(jobs.Select(j => j.RunOnceAsync(Morning.AddHours(5), TestContext.Current.CancellationToken)));

        var messages = await DigestsAsync(Day);
        Assert.Equal(2 + leaders.Count, queued.Sum());
        Assert.Equal(0, again.Sum());
        Assert.Equal(
            new[] { JobsPortal.EconomyMailbox, JobsPortal.FallbackMailbox }.Concat(leaders).Order(StringComparer.Ordinal),
            messages.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Null(m.CaseId));

        var economy = messages.Single(m => m.To == JobsPortal.EconomyMailbox).TextBody;
        Assert.Contains($"{overdue.Code} – Đường liên xóm Đồng Cả xuống cấp – Phòng Kinh tế – hạn giải quyết 04/12/2026 – quá hạn 5 ngày", economy, StringComparison.Ordinal);
        Assert.DoesNotContain(dueSoon.Code, economy, StringComparison.Ordinal);
        var culture = messages.Single(m => m.To == JobsPortal.FallbackMailbox).TextBody;
        Assert.Contains($"{dueSoon.Code} – Đề nghị mở thêm giờ thư viện – Phòng Văn hóa – Xã hội – hạn giải quyết 10/12/2026 – còn 1 ngày làm việc", culture, StringComparison.Ordinal);
        Assert.DoesNotContain(later.Code, culture, StringComparison.Ordinal);

        foreach (var leader in messages.Where(m => leaders.Contains(m.To)))
        {
            Assert.Contains(overdue.Code, leader.TextBody, StringComparison.Ordinal);
            Assert.Contains(dueSoon.Code, leader.TextBody, StringComparison.Ordinal);
            Assert.Equal("Nhắc việc 09/12/2026: 1 phản ánh quá hạn, 1 sắp đến hạn", leader.Subject);
        }

        foreach (var message in messages)
        {
            Assert.DoesNotContain(answered.Code, message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(closed.Code, message.TextBody, StringComparison.Ordinal);
            foreach (var personal in new[] { CaseRows.Name, CaseRows.Phone, CaseRows.Address, CaseRows.Email, CaseRows.Against })
            {
                Assert.DoesNotContain(personal, message.TextBody + message.Subject, StringComparison.Ordinal);
            }
        }

        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        Assert.Equal(
            [DigestJob.Leaders, "phong-kinh-te", "phong-van-hoa-xa-hoi"],
            await db.DigestRuns.Where(r => r.Day == Day).OrderBy(r => r.Recipient).Select(r => r.Recipient).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_message_is_sent_when_no_case_is_overdue_or_due_soon()
    {
        await CreateAsync(StaffRoles.Leader);
        var day = new DateOnly(2026, 10, 1);
        var morning = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        await CaseRows.InsertAsync(portal.ConnectionString, morning.AddDays(-3), c => c.DueBy = day.AddDays(300)); // not due then, nor on the other test's day

        Assert.Equal(0, await portal.Services.GetRequiredService<DigestJob>().RunOnceAsync(morning, TestContext.Current.CancellationToken));

        Assert.Empty(await DigestsAsync(day));
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        Assert.False(await db.DigestRuns.AnyAsync(r => r.Day == day, TestContext.Current.CancellationToken));
    }

    private Task<List<Web.Mail.OutboxMessage>> DigestsAsync(DateOnly day) =>
        CaseRows.OutboxAsync(portal.ConnectionString, m => m.Purpose == DigestJob.Purpose && m.Subject.Contains(Display.Date(day), StringComparison.Ordinal));

    /// <summary>Every leader account's e-mail, those other tests of the class made included.</summary>
    private async Task<List<string>> LeaderEmailsAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().GetUsersInRoleAsync(StaffRoles.Leader);
        return users.Select(u => u.Email!).ToList();
    }

    private async Task<string> CreateAsync(string role, string? department = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@dantien.test";
        await using var scope = portal.Services.CreateAsyncScope();
        var (user, _, errors) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, $"Cán bộ {StaffRoles.Name(role)}", role, department);
        Assert.True(user is not null, string.Join(" ", errors));
        return email;
    }
}
