using System.Globalization;
using System.Security.Cryptography;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Web.Feedback;

/// <summary>The outcome of a submission: the case's code and the secret of its private link.</summary>
public sealed record SubmitResult(string Code, string Key);

/// <summary>What the tracking page may show of a case: no personal data beyond what the citizen sent.</summary>
public sealed record CaseView(FeedbackCase Case, IReadOnlyList<CaseEvent> Timeline, Agency? Department, Deadlines Deadlines);

/// <summary>
/// Takes in submissions, stores each with its attachments, audit trail and e-mails in one
/// transaction, and finds a case again for the citizen who sent it.
/// </summary>
public sealed class FeedbackService(
    PortalDbContext db, ContentStore content, TimeProvider time, IOptions<FeedbackOptions> options, OutboxSignal outbox, ILogger<FeedbackService> logger)
{
    /// <summary>Actions of the audit trail the citizen sees on the tracking page.</summary>
    private static readonly HashSet<string> PublicActions = new(StringComparer.Ordinal) { "submitted", "routed", "accepted", "transferred", "information-requested", "answered", "rejected", "closed", "rated" };

    public async Task<SubmitResult> SubmitAsync(Submission submission, FormTicket ticket, Func<string, string> absoluteUrl, CancellationToken cancellationToken)
    {
        var snapshot = content.Current;
        var now = time.GetUtcNow();
        var year = Deadlines.LocalDate(now).Year;

        // Three round trips in all: the claim, the rows, the commit. A failed statement fails the
        // whole transaction, which is then rolled back: no savepoint is needed to undo part of it.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await ClaimAsync(ticket.SubmissionId, year, cancellationToken);
        if (claim.SentCode is { } sent)
        {
            return new SubmitResult(sent, ticket.Key);
        }

        var code = $"PAKN-{year}-{claim.Number:D6}";
        var (department, reason) = CaseRouting.Route(submission, snapshot);
        var deadlines = Deadlines.For(submission.Kind, now, options.Value.Deadlines[submission.Kind], snapshot.Feedback.Calendar);

        var feedbackCase = new FeedbackCase
        {
            Id = claim.CaseId,
            Code = code,
            AccessKeyHash = FormTicket.Hash(ticket.Key),
            SubmissionId = ticket.SubmissionId,
            Kind = submission.Kind,
            Category = submission.Category.Key,
            ProcedureSlug = submission.Procedure?.Slug,
            Department = department,
            RoutingReason = reason,
            Hamlet = submission.Hamlet,
            Title = submission.Title,
            Content = submission.Content,
            Name = submission.Name,
            Address = submission.Address,
            Phone = submission.Phone,
            Email = submission.Email,
            ComplaintSubject = submission.ComplaintSubject,
            ComplaintAgainst = submission.ComplaintAgainst,
            ConsentedAt = now,
            ConsentToPublish = submission.ConsentToPublish,
            SubmittedAt = now,
            AcceptBy = deadlines.AcceptBy,
            DueBy = deadlines.DueBy,
        };
        feedbackCase.Attachments.AddRange(submission.Attachments.Select(a => new CaseAttachment
        {
            FileName = a.FileName, ContentType = a.ContentType, Size = a.Content.Length, Content = a.Content,
        }));
        feedbackCase.Events.Add(new CaseEvent { At = now, Actor = "citizen", Action = "submitted", ToStatus = CaseStatus.Received });
        feedbackCase.Events.Add(new CaseEvent { At = now, Actor = "system", Action = "routed", ToDepartment = department, Note = reason });

        // The case's id is known before the insert, so the case, its files, events and e-mails go in one batch.
        db.Cases.Add(feedbackCase);
        db.Outbox.AddRange(Messages(feedbackCase, snapshot, deadlines, absoluteUrl($"/phan-anh-kien-nghi/tra-cuu?ma={code}&khoa={ticket.Key}"), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();

        logger.LogInformation("Case {Code} received ({Kind}) and routed to {Department}", code, submission.Kind, department);
        return new SubmitResult(code, ticket.Key);
    }

    /// <summary>The case behind a private link, or null: a wrong key and an unknown code look the same.</summary>
    public Task<CaseView?> FindByKeyAsync(string? code, string? key, CancellationToken cancellationToken) =>
        FindAsync(code, c => key is { Length: > 0 and < 100 } && CryptographicOperations.FixedTimeEquals(c.AccessKeyHash, FormTicket.Hash(key)), cancellationToken);

    /// <summary>The case with this code and phone number, or null: a wrong phone and an unknown code look the same.</summary>
    public Task<CaseView?> FindByPhoneAsync(string? code, string? phone, CancellationToken cancellationToken)
    {
        var normalized = FeedbackForm.NormalizePhone(phone);
        return FindAsync(code, c => normalized is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(c.Phone), System.Text.Encoding.ASCII.GetBytes(normalized)), cancellationToken);
    }

    private async Task<CaseView?> FindAsync(string? code, Func<FeedbackCase, bool> owns, CancellationToken cancellationToken)
    {
        var normalizedCode = (code ?? "").Trim().ToUpperInvariant();
        var found = normalizedCode.Length is > 0 and <= 20
            ? await db.Cases.AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Code == normalizedCode, cancellationToken)
            : null;
        if (found is null || !owns(found))
        {
            return null;
        }

        var snapshot = content.Current;
        var deadlines = Deadlines.For(found.Kind, found.SubmittedAt, options.Value.Deadlines[found.Kind], snapshot.Feedback.Calendar);
        var timeline = found.Events.Where(e => PublicActions.Contains(e.Action)).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        return new CaseView(found, timeline, snapshot.AgenciesBySlug.GetValueOrDefault(found.Department), deadlines with { DueBy = found.DueBy, AcceptBy = found.AcceptBy });
    }

    /// <summary>
    /// Records the citizen's rating of the answer, once: false if the case has no answer yet or was
    /// already rated (the check and the write are one statement, so two tabs cannot both rate).
    /// </summary>
    public async Task<bool> RateAsync(long caseId, int rating, string? comment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rated = await db.Cases
            .Where(c => c.Id == caseId && c.Rating == null && c.Answer != null && (c.Status == CaseStatus.Answered || c.Status == CaseStatus.Closed))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Rating, (int?)rating).SetProperty(c => c.RatingComment, comment).SetProperty(c => c.RatedAt, now), cancellationToken);
        if (rated == 0)
        {
            return false;
        }

        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, At = now, Actor = "citizen", Action = "rated" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>What <see cref="ClaimAsync"/> found: the code of the case this form already made, or the new case's number and id.</summary>
    private readonly record struct Claim(string? SentCode, long Number, long CaseId);

    /// <summary>
    /// In one round trip: takes the form's lock, so that the same form sent again (a double click,
    /// a reload, a retry after a timeout, at once or later, on any node) waits for the first copy;
    /// then, holding it, finds the case that form already made, or else takes the next number of
    /// the year (from a sequence of that year, created on its first case) and the case's id.
    /// </summary>
    private async Task<Claim> ClaimAsync(Guid submissionId, int year, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction())
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))") { Parameters = { new() { Value = submissionId.ToString() } } },
                new NpgsqlBatchCommand("""
                    SELECT sent.code,
                           CASE WHEN sent.code IS NULL THEN next_case_number($2) END,
                           CASE WHEN sent.code IS NULL THEN nextval(pg_get_serial_sequence('feedback_cases', 'id')) END
                    FROM (SELECT (SELECT code FROM feedback_cases WHERE submission_id = $1) AS code) AS sent
                    """)
                {
                    Parameters = { new() { Value = submissionId }, new() { Value = year } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0)
            ? new Claim(null, reader.GetInt64(1), reader.GetInt64(2))
            : new Claim(reader.GetString(0), 0, 0);
    }

    private IEnumerable<OutboxMessage> Messages(FeedbackCase c, ContentSnapshot snapshot, Deadlines deadlines, string privateLink, DateTimeOffset now)
    {
        var kind = FeedbackKinds.Of(c.Kind).Name;
        var department = snapshot.AgenciesBySlug.GetValueOrDefault(c.Department);
        var departmentName = department?.Name ?? c.Department;
        var due = deadlines.DueBy.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var topic = snapshot.Feedback.Category(c.Category)?.Name ?? c.Category;

        if ((department?.Mailbox ?? options.Value.FallbackMailbox) is { Length: > 0 } mailbox)
        {
            // The notice names the case, not the citizen: personal data stays in the portal, where access is recorded.
            yield return Outbox.Message(mailbox, departmentName, $"[{c.Code}] {kind}: {c.Title}", $"""
                {departmentName} vừa nhận một phản ánh mới qua Cổng thông tin điện tử xã Dân Tiến.

                Mã: {c.Code}
                Loại: {kind}
                Chủ đề: {topic}
                Tiêu đề: {c.Title}
                Lý do chuyển tới phòng: {c.RoutingReason}
                {(c.AcceptBy is { } accept ? $"Hạn thụ lý: {accept.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}\n" : "")}Hạn giải quyết: {due}

                Nội dung và thông tin người gửi xem trong khu vực cán bộ của cổng (mục Phản ánh, kiến nghị).
                """, "department-notice", c.Id, now);
        }
        else
        {
            logger.LogWarning("No mailbox for {Department}: no e-mail notice for case {Code}", c.Department, c.Code);
        }

        if (c.Email is { } email)
        {
            yield return Outbox.Message(email, c.Name, $"Xã Dân Tiến đã nhận phản ánh {c.Code}", $"""
                Kính gửi {c.Name},

                Ủy ban nhân dân xã Dân Tiến đã nhận {kind.ToLower(CultureInfo.GetCultureInfo("vi-VN"))} của bạn: “{c.Title}”.

                Mã tra cứu: {c.Code}
                Phòng, ban xử lý: {departmentName}
                {(c.AcceptBy is { } acceptBy ? $"Hạn thụ lý: {acceptBy.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}\n" : "")}Hạn trả lời: {due}{(deadlines.Confirmed ? "" : " (dự kiến, lịch nghỉ lễ của năm sau chưa được công bố)")}

                Xem tình trạng xử lý bằng đường dẫn riêng này (chỉ bạn có đường dẫn, đừng chia sẻ):
                {privateLink}

                Hoặc vào mục Tra cứu phản ánh trên cổng, nhập mã và số điện thoại bạn đã khai.

                Thư này được gửi tự động; vui lòng không trả lời thư.
                """, "citizen-receipt", c.Id, now);
        }
    }
}
