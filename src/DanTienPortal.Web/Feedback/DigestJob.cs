using System.Globalization;
using System.Text;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Mail;
using DanTienPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Web.Feedback;

/// <summary>A case as the digest lists it: no personal data, only what staff need to find it.</summary>
public sealed record DigestLine(string Code, string Title, string Department, DateOnly Due, bool AcceptDeadline, int OverdueDays, int WorkingDaysLeft);

/// <summary>
/// Once per Vietnam day, from <see cref="FeedbackJobOptions.DigestHour"/> (<c>Feedback:DigestHour</c>,
/// default 7), e-mails each department with open cases overdue or due within
/// <see cref="FeedbackJobOptions.DigestDueSoonDays"/> working days a list of them, and every leader
/// the list of all departments. No such case, no e-mail.
/// </summary>
/// <remarks>
/// Every node runs it. Each recipient's e-mail is queued in the outbox in the same transaction as
/// its <see cref="DigestRun"/> row (day, recipient), whose primary key refuses a second node's row:
/// the node that loses the race rolls back, so each recipient gets one digest a day.
/// </remarks>
public sealed class DigestJob(
    IServiceScopeFactory scopes,
    ContentStore content,
    TimeProvider time,
    OutboxSignal outbox,
    IOptions<FeedbackJobOptions> options,
    IOptions<FeedbackOptions> feedbackOptions,
    ILogger<DigestJob> logger) : BackgroundService
{
    /// <summary>The <see cref="DigestRun.Recipient"/> of the leaders' digest.</summary>
    public const string Leaders = "leaders";

    public const string Purpose = "digest";

    /// <summary>How often a node looks whether the day's digest is due.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMinutes(5);

    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Received, CaseStatus.Accepted, CaseStatus.NeedsInformation];

    private DateOnly? _doneDay;

    /// <summary>
    /// One pass at <paramref name="now"/>: sends the day's digests not yet sent by any node, if the
    /// digest hour has come. Returns how many e-mails this node queued.
    /// </summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        now = now.ToUniversalTime();
        var settings = options.Value;
        var local = now.ToOffset(Display.VietnamOffset);
        if (local.Hour < settings.DigestHour)
        {
            return 0;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var snapshot = content.Current;
        var calendar = snapshot.Feedback.Calendar;
        var soon = calendar.AddWorkingDays(day, settings.DigestDueSoonDays);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var cases = await db.Cases.AsNoTracking()
            .Where(c => OpenStatuses.Contains(c.Status)
                && (c.DueBy <= soon || (c.Status == CaseStatus.Received && c.AcceptBy != null && c.AcceptBy <= soon)))
            .OrderBy(c => c.DueBy).ThenBy(c => c.Id)
            .Select(c => new { c.Code, c.Title, c.Department, c.Status, c.AcceptBy, c.DueBy })
            .ToListAsync(cancellationToken);

        string DepartmentName(string slug) => snapshot.AgenciesBySlug.TryGetValue(slug, out var agency) ? agency.Name : slug;
        var entries = cases.Select(c =>
            {
                // A complaint not yet accepted is first due to be accepted (or refused).
                var accept = c.Status == CaseStatus.Received && c.AcceptBy is { } acceptBy && acceptBy <= soon;
                var due = accept ? c.AcceptBy!.Value : c.DueBy;
                return (Slug: c.Department, Line: new DigestLine(c.Code, c.Title, DepartmentName(c.Department), due, accept,
                    Math.Max(0, day.DayNumber - due.DayNumber), WorkingDaysBetween(calendar, day, due)));
            })
            .OrderBy(e => e.Line.Due).ThenBy(e => e.Line.Code, StringComparer.Ordinal)
            .ToList();
        var lines = entries.Select(e => e.Line).ToList();
        var departments = cases.Select(c => c.Department).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var queued = 0;
        var complete = true;
        foreach (var slug in departments)
        {
            var name = DepartmentName(slug);
            var departmentLines = entries.Where(e => e.Slug == slug).Select(e => e.Line).ToList();
            if ((snapshot.AgenciesBySlug.GetValueOrDefault(slug)?.Mailbox ?? feedbackOptions.Value.FallbackMailbox) is not { Length: > 0 } mailbox)
            {
                logger.LogWarning("No mailbox for {Department}: no digest for it", slug);
                continue;
            }

            var (subject, body) = Compose(day, name, departmentLines, settings.DigestDueSoonDays);
            var result = await TrySendAsync(db, day, slug, [Outbox.Message(mailbox, name, subject, body, Purpose, null, now)], now, cancellationToken);
            queued += result ?? 0;
            complete &= result is not null;
        }

        if (lines.Count > 0)
        {
            var leaders = await LeaderMailboxesAsync(db, cancellationToken);
            if (leaders.Count > 0)
            {
                var (subject, body) = Compose(day, "Lãnh đạo Ủy ban nhân dân xã", lines, settings.DigestDueSoonDays);
                var result = await TrySendAsync(db, day, Leaders,
                    leaders.Select(l => Outbox.Message(l.Email, l.Name, subject, body, Purpose, null, now)).ToList(), now, cancellationToken);
                queued += result ?? 0;
                complete &= result is not null;
            }
        }

        if (queued > 0)
        {
            outbox.Wake();
            logger.LogInformation("Digest of {Day}: {Count} e-mails queued about {Cases} cases", day, queued, lines.Count);
        }

        if (complete)
        {
            _doneDay = day;
        }

        return queued;
    }

    /// <summary>The subject and text of a digest: code, title, department, due date and lateness of each case.</summary>
    public static (string Subject, string Body) Compose(DateOnly day, string recipientName, IReadOnlyList<DigestLine> lines, int dueSoonDays)
    {
        var overdue = lines.Where(l => l.OverdueDays > 0).ToList();
        var dueSoon = lines.Where(l => l.OverdueDays == 0).ToList();
        var subject = $"Nhắc việc {Display.Date(day)}: {overdue.Count} phản ánh quá hạn, {dueSoon.Count} sắp đến hạn";

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Kính gửi {recipientName},\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Tổng hợp ngày {Display.Date(day)} các phản ánh, kiến nghị đang xử lý đã quá hạn hoặc đến hạn trong {dueSoonDays} ngày làm việc tới.\n");
        void Section(string heading, List<DigestLine> section)
        {
            if (section.Count == 0)
            {
                return;
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{heading} ({section.Count}):\n");
            foreach (var line in section)
            {
                var when = line.OverdueDays > 0 ? $"quá hạn {line.OverdueDays} ngày"
                    : line.WorkingDaysLeft == 0 ? "đến hạn hôm nay"
                    : $"còn {line.WorkingDaysLeft} ngày làm việc";
                text.Append(CultureInfo.InvariantCulture,
                    $"- {line.Code} – {line.Title} – {line.Department} – {(line.AcceptDeadline ? "hạn thụ lý" : "hạn giải quyết")} {Display.Date(line.Due)} – {when}\n");
            }
        }

        Section("Quá hạn", overdue);
        Section("Sắp đến hạn", dueSoon);
        text.Append("\nNội dung và thông tin người gửi xem trong khu vực cán bộ của cổng (mục Phản ánh, kiến nghị).\n");
        text.Append("Thư này được gửi tự động mỗi ngày; vui lòng không trả lời thư.\n");
        return (subject, text.ToString());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (_doneDay != DateOnly.FromDateTime(now.ToOffset(Display.VietnamOffset).DateTime))
            {
                try
                {
                    await RunOnceAsync(now, stoppingToken);
                }
                catch (Exception) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning(e, "The digest could not be prepared; trying again in {Poll}", Poll);
                }
            }

            try
            {
                await Task.Delay(Poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Working days from <paramref name="day"/> to <paramref name="due"/> (0 when due today or past).</summary>
    private static int WorkingDaysBetween(WorkingCalendar calendar, DateOnly day, DateOnly due)
    {
        var count = 0;
        for (var d = day.AddDays(1); d <= due; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The e-mail of each enabled leader account.</summary>
    private static async Task<List<(string Email, string Name)>> LeaderMailboxesAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var leaders = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.Email != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Leader)))
            .OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.FullName })
            .ToListAsync(cancellationToken);
        return leaders.Select(l => (l.Email!, l.FullName)).ToList();
    }

    /// <summary>
    /// Records the day's digest for <paramref name="recipient"/> and queues its e-mails in one
    /// transaction. Returns how many were queued, 0 when another node has sent it, null on failure.
    /// </summary>
    private async Task<int?> TrySendAsync(
        PortalDbContext db, DateOnly day, string recipient, List<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.DigestRuns.AnyAsync(r => r.Day == day && r.Recipient == recipient, cancellationToken))
        {
            return 0;
        }

        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The primary key (day, recipient) lets one row in: a node whose insert conflicts (after
            // waiting for the other node's transaction, if still open) inserts nothing and sends nothing.
            var claimed = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO digest_runs (day, recipient, at) VALUES ({day}, {recipient}, {now}) ON CONFLICT (day, recipient) DO NOTHING",
                cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                logger.LogDebug("Digest of {Day} for {Recipient} already sent by another node", day, recipient);
                return 0;
            }

            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return messages.Count;
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogWarning(e, "Digest of {Day} for {Recipient} could not be queued; trying again later", day, recipient);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
