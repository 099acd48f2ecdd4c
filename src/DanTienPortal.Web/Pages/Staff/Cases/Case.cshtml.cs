using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.Cases;

/// <summary>
/// One case for staff: what the citizen sent, its files, its audit trail, internal notes and the
/// actions its status allows. Every view is recorded; a case outside the staff member's department is a 404.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class CaseModel(CaseDesk desk, PortalDbContext db, ContentStore content) : PageModel
{
    /// <summary>What the page says after each action, by the value of <c>?xong=</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> DoneMessages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accepted"] = "Đã tiếp nhận xử lý phản ánh.",
        ["information-requested"] = "Đã gửi yêu cầu bổ sung thông tin tới người gửi.",
        ["transferred"] = "Đã chuyển phản ánh.",
        ["answered"] = "Đã trả lời người gửi.",
        ["rejected"] = "Đã ghi nhận không thụ lý phản ánh.",
        ["closed"] = "Đã kết thúc phản ánh.",
        ["noted"] = "Đã thêm ghi chú nội bộ.",
    };

    [BindProperty]
    public uint Version { get; set; }

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public string? TransferTo { get; set; }

    [BindProperty]
    public string? TransferReason { get; set; }

    [BindProperty]
    public string? AnswerText { get; set; }

    [BindProperty]
    public string? RejectReason { get; set; }

    [BindProperty]
    public string? RejectNote { get; set; }

    [BindProperty]
    public string? NoteText { get; set; }

    public FeedbackCase Case { get; private set; } = null!;

    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public IReadOnlyList<CaseEvent> Events { get; private set; } = [];

    public IReadOnlyList<CaseNote> Notes { get; private set; } = [];

    public DueState Due { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>A problem that belongs to no field: a conflict, or an action the status does not allow.</summary>
    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public ContentSnapshot Site => content.Current;

    public string DepartmentName(string? slug) => CaseDesk.DepartmentName(content.Current, slug);

    public bool Can(CaseAction action) => CaseDesk.Allowed(action, Case.Status);

    public async Task<IActionResult> OnGetAsync(long id, string? xong, CancellationToken cancellationToken)
    {
        Done = xong is null ? null : DoneMessages.GetValueOrDefault(xong);
        return await ShowAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, new CaseCommand(CaseAction.Accept, Version), cancellationToken);

    public Task<IActionResult> OnPostRequestInformationAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, new CaseCommand(CaseAction.RequestInformation, Version, Question), cancellationToken);

    public Task<IActionResult> OnPostTransferAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, new CaseCommand(CaseAction.Transfer, Version, TransferReason, TransferTo), cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, new CaseCommand(CaseAction.Answer, Version, AnswerText), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, new CaseCommand(CaseAction.Reject, Version, RejectNote, RejectReason), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, new CaseCommand(CaseAction.Close, Version), cancellationToken);

    public async Task<IActionResult> OnPostNoteAsync(long id, CancellationToken cancellationToken)
    {
        var scope = await desk.ScopeAsync(User);
        var text = NoteText?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 4000)
        {
            Errors.Add("note", string.IsNullOrEmpty(text) ? "Nhập nội dung ghi chú." : "Ghi chú không quá 4000 ký tự.");
            return await ShowAsync(id, cancellationToken);
        }

        return await desk.AddNoteAsync(id, scope, text, cancellationToken)
            ? Redirect($"/can-bo/phan-anh/{id}?xong=noted#ghi-chu")
            : NotFound();
    }

    private async Task<IActionResult> ActAsync(long id, CaseCommand command, CancellationToken cancellationToken)
    {
        var scope = await desk.ScopeAsync(User);
        var result = await desk.ActAsync(id, scope, command, path => $"{Request.Scheme}://{Request.Host}{path}", cancellationToken);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Done)
        {
            // A handler who passed the case to another department can no longer open it.
            return command.Action == CaseAction.Transfer && !scope.AllDepartments
                ? Redirect("/can-bo/phan-anh?da-chuyen=1")
                : Redirect($"/can-bo/phan-anh/{id}?xong={Uri.EscapeDataString(DoneAction(command.Action))}");
        }

        if (result.Field is { } field)
        {
            Errors.Add(field, result.Message!);
        }
        else
        {
            Problem = result.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return await ShowAsync(id, cancellationToken);
    }

    private static string DoneAction(CaseAction action) => action switch
    {
        CaseAction.Accept => "accepted",
        CaseAction.RequestInformation => "information-requested",
        CaseAction.Transfer => "transferred",
        CaseAction.Answer => "answered",
        CaseAction.Reject => "rejected",
        _ => "closed",
    };

    /// <summary>Loads the case as it now stands and records that it was viewed.</summary>
    private async Task<IActionResult> ShowAsync(long id, CancellationToken cancellationToken)
    {
        var scope = await desk.ScopeAsync(User);
        var found = await desk.Visible(scope).AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Case = found;
        Version = found.Version;
        Due = desk.Due(found.Status, found.DueBy);
        Events = found.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        Attachments = await db.CaseAttachments.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.ContentType, a.Size)).ToListAsync(cancellationToken);
        Notes = await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == id).OrderBy(n => n.At).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        await desk.RecordAccessAsync(id, scope, "case", cancellationToken);
        return Page();
    }

    /// <summary>A file of the case, without its bytes.</summary>
    public sealed record AttachmentRow(long Id, string FileName, string ContentType, long Size);
}
