using System.Security.Claims;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Mail;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Feedback;

/// <summary>What staff can do to a case.</summary>
public enum CaseAction
{
    Accept,
    RequestInformation,
    Transfer,
    Answer,
    Reject,
    Close,
}

/// <summary>How near a case is to its due date.</summary>
public enum DueState
{
    None,
    Soon,
    Overdue,
}

/// <summary>Which cases a staff member may see: a handler their department's, leaders and administrators all.</summary>
public sealed record StaffScope(string UserName, bool AllDepartments, string? Department);

/// <summary>What a staff member asks of a case: the action, the version they saw, and the words that go with it.</summary>
public sealed record CaseCommand(CaseAction Action, uint Version, string? Text = null, string? Choice = null);

/// <summary>The outcome of a command: done, or the problem (a field and its message, or a conflict).</summary>
public sealed record CaseResult(bool Found, bool Done, bool Conflict = false, string? Field = null, string? Message = null);

/// <summary>
/// The department inbox's rules: which actions each status allows, what each one changes, and the
/// audit trail and e-mails it leaves, all saved together under the case's row version.
/// </summary>
public sealed class CaseDesk(
    PortalDbContext db, ContentStore content, TimeProvider time, IOptions<FeedbackOptions> options, OutboxSignal outbox, UserManager<StaffUser> users)
{
    public const int DueSoonWorkingDays = 2;

    public const string ConflictMessage = "Phản ánh vừa được người khác cập nhật trong lúc bạn xem. Thay đổi của bạn chưa được lưu; dưới đây là bản mới nhất, hãy xem lại rồi thao tác lại nếu vẫn cần.";

    public static bool IsOpen(CaseStatus status) => status is CaseStatus.Received or CaseStatus.Accepted or CaseStatus.NeedsInformation;

    public static bool Allowed(CaseAction action, CaseStatus status) => action switch
    {
        CaseAction.Accept => status is CaseStatus.Received or CaseStatus.NeedsInformation,
        CaseAction.RequestInformation => status is CaseStatus.Received or CaseStatus.Accepted,
        CaseAction.Transfer => IsOpen(status),
        CaseAction.Answer => status == CaseStatus.Accepted,
        CaseAction.Reject => status is CaseStatus.Received or CaseStatus.Accepted or CaseStatus.NeedsInformation,
        CaseAction.Close => status is CaseStatus.Answered or CaseStatus.Rejected,
        _ => false,
    };

    public static string ActionName(CaseAction action) => action switch
    {
        CaseAction.Accept => "tiếp nhận xử lý",
        CaseAction.RequestInformation => "yêu cầu bổ sung thông tin",
        CaseAction.Transfer => "chuyển phòng, ban",
        CaseAction.Answer => "trả lời",
        CaseAction.Reject => "không thụ lý",
        _ => "kết thúc",
    };

    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today => Deadlines.LocalDate(time.GetUtcNow());

    /// <summary>The last day that counts as "due soon": two working days from today.</summary>
    public DateOnly SoonLimit => content.Current.Feedback.Calendar.AddWorkingDays(Today, DueSoonWorkingDays);

    public DueState Due(CaseStatus status, DateOnly dueBy) =>
        !IsOpen(status) ? DueState.None : dueBy < Today ? DueState.Overdue : dueBy <= SoonLimit ? DueState.Soon : DueState.None;

    public async Task<StaffScope> ScopeAsync(ClaimsPrincipal principal)
    {
        var all = principal.IsInRole(StaffRoles.Leader) || principal.IsInRole(StaffRoles.Admin);
        var department = all ? null : (await users.GetUserAsync(principal))?.Department;
        return new StaffScope(principal.Identity?.Name ?? "?", all, department);
    }

    /// <summary>The cases the scope may see; a handler without a department sees none.</summary>
    public IQueryable<FeedbackCase> Visible(StaffScope scope) =>
        scope.AllDepartments ? db.Cases : db.Cases.Where(c => c.Department == scope.Department);

    public IQueryable<FeedbackCase> Open(IQueryable<FeedbackCase> cases) =>
        cases.Where(c => c.Status == CaseStatus.Received || c.Status == CaseStatus.Accepted || c.Status == CaseStatus.NeedsInformation);

    /// <summary>Cases no longer waiting for an answer: answered, rejected or closed.</summary>
    public IQueryable<FeedbackCase> NotOpen(IQueryable<FeedbackCase> cases) =>
        cases.Where(c => c.Status != CaseStatus.Received && c.Status != CaseStatus.Accepted && c.Status != CaseStatus.NeedsInformation);

    public IQueryable<FeedbackCase> Overdue(IQueryable<FeedbackCase> cases)
    {
        var today = Today;
        return Open(cases).Where(c => c.DueBy < today);
    }

    public IQueryable<FeedbackCase> DueSoon(IQueryable<FeedbackCase> cases)
    {
        var (today, limit) = (Today, SoonLimit);
        return Open(cases).Where(c => c.DueBy >= today && c.DueBy <= limit);
    }

    /// <summary>Records that <paramref name="scope"/> opened a case's personal data (the page, or an attachment).</summary>
    public async Task RecordAccessAsync(long caseId, StaffScope scope, string what, CancellationToken cancellationToken)
    {
        db.CaseAccesses.Add(new CaseAccess { CaseId = caseId, At = time.GetUtcNow(), Viewer = Clip(scope.UserName, 256), What = what });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<bool> AddNoteAsync(long id, StaffScope scope, string text, CancellationToken cancellationToken)
    {
        if (!await Visible(scope).AnyAsync(c => c.Id == id, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        db.CaseNotes.Add(new CaseNote { CaseId = id, At = now, Author = Clip(scope.UserName, 256), Text = text });
        db.CaseEvents.Add(new CaseEvent { CaseId = id, At = now, Actor = Clip(scope.UserName, 100), Action = "noted" });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Carries out <paramref name="command"/> if the case is visible, still at the version the
    /// staff member saw, and in a status that allows the action; otherwise changes nothing.
    /// </summary>
    public async Task<CaseResult> ActAsync(long id, StaffScope scope, CaseCommand command, Func<string, string> absoluteUrl, CancellationToken cancellationToken)
    {
        var c = await Visible(scope).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return new CaseResult(false, false);
        }

        if (c.Version != command.Version)
        {
            return new CaseResult(true, false, Conflict: true, Message: ConflictMessage);
        }

        if (!Allowed(command.Action, c.Status))
        {
            return new CaseResult(true, false, Message: $"Không thể {ActionName(command.Action)} khi phản ánh đang ở tình trạng “{FeedbackKinds.StatusName(c.Status)}”.");
        }

        var text = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
        var snapshot = content.Current;
        var now = time.GetUtcNow();
        var from = c.Status;
        var e = new CaseEvent { CaseId = c.Id, At = now, Actor = Clip(scope.UserName, 100), Action = "", FromStatus = from };
        var messages = new List<OutboxMessage>();
        var trackUrl = absoluteUrl("/phan-anh-kien-nghi/tra-cuu");

        switch (command.Action)
        {
            case CaseAction.Accept:
                c.Status = CaseStatus.Accepted;
                e.Action = "accepted";
                if (c.Kind == FeedbackKind.Complaint)
                {
                    // Thụ lý: the time to decide counts from today.
                    var rule = options.Value.Deadlines[c.Kind];
                    c.DueBy = rule.Unit == DeadlineUnit.WorkingDays
                        ? snapshot.Feedback.Calendar.AddWorkingDays(Today, rule.Days)
                        : snapshot.Feedback.Calendar.AddDays(Today, rule.Days);
                    e.Note = $"Thụ lý khiếu nại; hạn giải quyết {Display.Date(c.DueBy)}.";
                }

                break;

            case CaseAction.RequestInformation:
                if (text is null)
                {
                    return Invalid("question", "Nhập thông tin cần người gửi bổ sung.");
                }

                if (text.Length > 2000)
                {
                    return Invalid("question", "Nội dung yêu cầu bổ sung không quá 2000 ký tự.");
                }

                c.Status = CaseStatus.NeedsInformation;
                e.Action = "information-requested";
                e.Note = text;
                if (c.Email is { } questionTo)
                {
                    messages.Add(Outbox.Message(questionTo, c.Name, $"Phản ánh {c.Code}: đề nghị bổ sung thông tin", $"""
                        Kính gửi {c.Name},

                        Để giải quyết phản ánh {c.Code} (“{c.Title}”), Ủy ban nhân dân xã Dân Tiến đề nghị bạn bổ sung thông tin sau:

                        {text}

                        Xem phản ánh tại {trackUrl} (nhập mã và số điện thoại bạn đã khai), hoặc liên hệ {DepartmentName(snapshot, c.Department)}.

                        Thư này được gửi tự động; vui lòng không trả lời thư.
                        """, "citizen-question", c.Id, now));
                }

                break;

            case CaseAction.Transfer:
                if (command.Choice is not { } to || !StaffDisplay.IsDepartment(snapshot, to) || to == c.Department)
                {
                    return Invalid("transfer-to", "Chọn phòng, ban nhận phản ánh (khác phòng, ban hiện tại).");
                }

                if (text is null)
                {
                    return Invalid("transfer-reason", "Nhập lý do chuyển.");
                }

                if (text.Length > 1000)
                {
                    return Invalid("transfer-reason", "Lý do chuyển không quá 1000 ký tự.");
                }

                e.Action = "transferred";
                e.ToStatus = c.Status;
                e.FromDepartment = c.Department;
                e.ToDepartment = to;
                e.Note = text;
                c.Department = to;
                if ((snapshot.AgenciesBySlug.GetValueOrDefault(to)?.Mailbox ?? options.Value.FallbackMailbox) is { Length: > 0 } mailbox)
                {
                    messages.Add(Outbox.Message(mailbox, DepartmentName(snapshot, to), $"[{c.Code}] Phản ánh được chuyển tới: {c.Title}", $"""
                        Phản ánh {c.Code} (“{c.Title}”) vừa được chuyển từ {DepartmentName(snapshot, e.FromDepartment)} tới {DepartmentName(snapshot, to)}.

                        Lý do: {text}
                        Hạn giải quyết: {Display.Date(c.DueBy)}

                        Nội dung và thông tin người gửi xem trong khu vực cán bộ của cổng (mục Phản ánh, kiến nghị).
                        """, "department-transfer", c.Id, now));
                }

                break;

            case CaseAction.Answer:
                if (text is null)
                {
                    return Invalid("answer", "Nhập nội dung trả lời.");
                }

                if (text.Length > 10000)
                {
                    return Invalid("answer", "Nội dung trả lời không quá 10000 ký tự.");
                }

                c.Status = CaseStatus.Answered;
                c.Answer = text;
                c.AnsweredAt = now;
                c.AnsweredBy = Clip(scope.UserName, 256);
                e.Action = "answered";
                if (c.Email is { } answerTo)
                {
                    messages.Add(Outbox.Message(answerTo, c.Name, $"Trả lời phản ánh {c.Code}", $"""
                        Kính gửi {c.Name},

                        Ủy ban nhân dân xã Dân Tiến trả lời phản ánh {c.Code} (“{c.Title}”) của bạn như sau:

                        {text}

                        Bạn có thể xem lại câu trả lời và đánh giá mức độ hài lòng tại {trackUrl} (nhập mã và số điện thoại bạn đã khai, hoặc mở đường dẫn riêng trong giấy biên nhận).

                        Thư này được gửi tự động; vui lòng không trả lời thư.
                        """, "citizen-answer", c.Id, now));
                }

                break;

            case CaseAction.Reject:
                if (command.Choice is not { } reason || !RejectReasons.All.TryGetValue(reason, out var reasonText))
                {
                    return Invalid("reject-reason", "Chọn lý do không thụ lý.");
                }

                if (text?.Length > 1000)
                {
                    return Invalid("reject-note", "Giải thích thêm không quá 1000 ký tự.");
                }

                c.Status = CaseStatus.Rejected;
                c.RejectReason = reason;
                e.Action = "rejected";
                e.Note = text;
                if (c.Email is { } rejectTo)
                {
                    messages.Add(Outbox.Message(rejectTo, c.Name, $"Phản ánh {c.Code} không được thụ lý", $"""
                        Kính gửi {c.Name},

                        Ủy ban nhân dân xã Dân Tiến không thụ lý phản ánh {c.Code} (“{c.Title}”) của bạn.

                        Lý do: {reasonText}{(text is null ? "" : $"\n{text}")}

                        Xem phản ánh tại {trackUrl} (nhập mã và số điện thoại bạn đã khai).

                        Thư này được gửi tự động; vui lòng không trả lời thư.
                        """, "citizen-rejection", c.Id, now));
                }

                break;

            case CaseAction.Close:
                c.Status = CaseStatus.Closed;
                c.ClosedAt = now;
                e.Action = "closed";
                break;
        }

        e.ToStatus = c.Status;
        db.CaseEvents.Add(e);
        db.Outbox.AddRange(messages);
        try
        {
            // One statement batch, one transaction: the case (checked against its xmin), its event and its e-mails.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new CaseResult(true, false, Conflict: true, Message: ConflictMessage);
        }

        if (messages.Count > 0)
        {
            outbox.Wake();
        }

        return new CaseResult(true, true);

        CaseResult Invalid(string field, string message)
        {
            db.ChangeTracker.Clear();
            return new CaseResult(true, false, Field: field, Message: message);
        }
    }

    public static string DepartmentName(ContentSnapshot snapshot, string? slug) =>
        slug is not null && snapshot.AgenciesBySlug.TryGetValue(slug, out var agency) ? agency.Name : slug ?? "";

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>How the staff pages name a due state.</summary>
public static class DueStates
{
    public static string? Name(DueState state) => state switch
    {
        DueState.Overdue => "Quá hạn",
        DueState.Soon => "Sắp đến hạn",
        _ => null,
    };

    public static string Class(DueState state) => state == DueState.Overdue ? "due-overdue" : "due-soon";
}
