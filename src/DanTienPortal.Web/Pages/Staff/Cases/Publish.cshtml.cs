using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.Cases;

/// <summary>
/// Publishing a case's answer: the citizen's question and the answer with the personal data
/// removed automatically, editable, previewed as the public page shows them; publishing runs the
/// removal again on what was submitted. Only with the citizen's consent, once the case is answered;
/// a handler for the cases of their own department, leaders and administrators for every case.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class PublishModel(PortalDbContext db, UserManager<StaffUser> users, ContentStore content, TimeProvider time) : PageModel
{
    private const string StatusKey = "PublishStatus";

    public const string Conflict = "Phản ánh này vừa được người khác thay đổi (công khai, gỡ công khai hoặc sửa trả lời) sau khi bạn mở trang. Chưa lưu gì: hãy mở lại trang để xem bản mới nhất rồi làm lại.";

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    public FeedbackCase Case { get; private set; } = null!;

    /// <summary>Why the case cannot be published; null when it can.</summary>
    public string? Refusal { get; private set; }

    /// <summary>What the automatic removal took out of the citizen's question and the answer.</summary>
    public IReadOnlyList<RedactionCount> Removed { get; private set; } = [];

    /// <summary>What the check of the submitted texts took out again (preview or publishing); null before any.</summary>
    public IReadOnlyList<RedactionCount>? RemovedAgain { get; private set; }

    public string? Status { get; private set; }

    public FormErrors Errors { get; } = new();

    public bool IsPublished => Case.PublishedAt is not null && Case.PublicAnswer is not null;

    public string Path => $"/can-bo/phan-anh/{Case.Id}/cong-khai";

    public string DepartmentName => StaffDisplay.Department(content.Current, Case.Department);

    /// <summary>The texts in the form as the public page would show them.</summary>
    public PublishedAnswer Preview => new(
        Case.Code, Case.Kind, Case.Department, Case.SubmittedAt, Case.AnsweredAt, Case.PublishedAt ?? time.GetUtcNow(), Summary ?? "", Answer ?? "");

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var id = long.TryParse(RouteData.Values["id"] as string, out var parsed) ? parsed : 0;
        var found = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
        if (found is null || !await MayPublishAsync(found))
        {
            context.Result = NotFound();
            return;
        }

        Case = found;
        Refusal = Publication.Refusal(found);
        if (Refusal is null)
        {
            Removed = RedactionResult.Sum(Publication.ProposedSummary(found), Publication.ProposedAnswer(found));
        }

        await next();
    }

    public void OnGet()
    {
        Status = TempData[StatusKey] as string;
        Version = Case.Version;
        if (Refusal is not null)
        {
            return;
        }

        (Summary, Answer) = IsPublished
            ? (Case.PublicSummary, Case.PublicAnswer)
            : (Publication.ProposedSummary(Case).Text, Publication.ProposedAnswer(Case).Text);
    }

    /// <summary>Shows the edited texts as they would be published, checked again; saves nothing.</summary>
    public IActionResult OnPostPreview()
    {
        if (Refusal is not null)
        {
            return Page();
        }

        RedactAgain();
        Validate();
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (Refusal is not null)
        {
            Errors.Add("Form", Refusal);
            return Page();
        }

        var again = RedactAgain();
        if (!Validate())
        {
            return Page();
        }

        var now = time.GetUtcNow();
        var republished = IsPublished;
        Case.PublicSummary = Summary;
        Case.PublicAnswer = Answer;
        Case.PublishedAt = now;
        var note = (republished ? "Cập nhật nội dung đã công khai." : "Công khai câu trả lời.")
            + (again.Total > 0 ? $" Kiểm tra lại khi công khai đã ẩn thêm {Describe(again.Removed)}." : "");
        if (!await SaveAsync("published", note, now, cancellationToken))
        {
            return Page();
        }

        TempData[StatusKey] = (republished ? "Đã cập nhật nội dung công khai." : "Đã công khai câu trả lời.")
            + (again.Total > 0 ? $" Kiểm tra lại đã ẩn thêm {Describe(again.Removed)} trong nội dung bạn gửi." : "");
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(CancellationToken cancellationToken)
    {
        if (!IsPublished)
        {
            Errors.Add("Form", "Phản ánh này chưa được công khai.");
            return Page();
        }

        var now = time.GetUtcNow();
        Case.PublicSummary = null;
        Case.PublicAnswer = null;
        Case.PublishedAt = null;
        if (!await SaveAsync("unpublished", null, now, cancellationToken))
        {
            return Page();
        }

        TempData[StatusKey] = "Đã gỡ công khai: câu trả lời không còn trên trang Phản ánh, kiến nghị.";
        return Redirect(Path);
    }

    public static string Describe(IEnumerable<RedactionCount> removed) =>
        string.Join(", ", removed.Select(r => $"{r.Count} {r.Label.ToLowerInvariant()}"));

    private async Task<bool> MayPublishAsync(FeedbackCase found)
    {
        if (User.IsInRole(StaffRoles.Leader) || User.IsInRole(StaffRoles.Admin))
        {
            return true;
        }

        return User.IsInRole(StaffRoles.Handler) && await users.GetUserAsync(User) is { Department: { } department } && department == found.Department;
    }

    /// <summary>Runs the removal again on the submitted texts: whatever personal data is still in them goes.</summary>
    private RedactionResult RedactAgain()
    {
        var summary = Redaction.Redact(Summary?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), Case);
        var answer = Redaction.Redact(Answer?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), Case);
        (Summary, Answer) = (summary.Text, answer.Text);
        var total = new RedactionResult("", RedactionResult.Sum(summary, answer));
        RemovedAgain = total.Removed;
        return total;
    }

    private bool Validate()
    {
        if (string.IsNullOrWhiteSpace(Summary))
        {
            Errors.Add(nameof(Summary), "Vui lòng nhập nội dung phản ánh sẽ công khai (dòng đầu là tiêu đề).");
        }
        else if (Summary.Length > Publication.SummaryLimit)
        {
            Errors.Add(nameof(Summary), $"Nội dung phản ánh công khai dài quá {Publication.SummaryLimit} ký tự ({Summary.Length}); hãy tóm tắt ngắn hơn.");
        }

        if (string.IsNullOrWhiteSpace(Answer))
        {
            Errors.Add(nameof(Answer), "Vui lòng nhập câu trả lời sẽ công khai.");
        }
        else if (Answer.Length > Publication.AnswerLimit)
        {
            Errors.Add(nameof(Answer), $"Câu trả lời công khai dài quá {Publication.AnswerLimit} ký tự ({Answer.Length}); hãy rút gọn.");
        }

        return Errors.Count == 0;
    }

    /// <summary>Saves the change with the version the form was opened at, and its line in the audit trail.</summary>
    private async Task<bool> SaveAsync(string action, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Entry(Case).Property(c => c.Version).OriginalValue = Version;
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = Case.Id,
            At = now,
            Actor = User.Identity?.Name ?? "?",
            Action = action,
            Note = note,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Case = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == Case.Id, cancellationToken);
            Errors.Add("Form", Conflict);
            return false;
        }
    }
}
