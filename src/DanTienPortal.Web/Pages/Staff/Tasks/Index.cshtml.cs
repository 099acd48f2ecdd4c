using DanTienPortal.Web.Content;
using DanTienPortal.Web.Plan;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff.Tasks;

/// <summary>
/// The plan's tasks with their latest status and progress note. Every staff member may read the
/// list; leaders and administrators update every task, a handler the tasks their department leads.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(ContentStore content, PlanTaskTracker tracker, UserManager<StaffUser> users) : PageModel
{
    private const string SavedKey = "TaskSaved";

    /// <summary>The task a form updates.</summary>
    [BindProperty]
    public int Number { get; set; }

    /// <summary>A status key of the task list (<see cref="PlanTasks.Statuses"/>).</summary>
    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public ContentSnapshot Site { get; private set; } = null!;

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    public IReadOnlyDictionary<int, PlanTaskUpdate> Latest { get; private set; } = new Dictionary<int, PlanTaskUpdate>();

    /// <summary>The department of the signed-in handler; null for other roles.</summary>
    public string? UserDepartment { get; private set; }

    /// <summary>The problems of the form just sent, for the task <see cref="Number"/>.</summary>
    public FormErrors Errors { get; } = new();

    public string? Saved { get; private set; }

    public static IEnumerable<(string Key, PlanTaskStatus Status)> StatusChoices =>
        PlanTasks.Statuses.Select(s => (s.Key, s.Value)).OrderBy(s => s.Value);

    public bool CanUpdate(PlanTask task) => PlanTaskTracker.CanUpdate(User, UserDepartment, task);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Saved = TempData[SavedKey] as string;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Tasks.FirstOrDefault(t => t.Number == Number) is not { } task)
        {
            return NotFound();
        }

        // Checked here, not only by hiding the form: a handler may not update another department's task.
        if (!CanUpdate(task))
        {
            return Forbid();
        }

        if (Status is null || !PlanTasks.Statuses.ContainsKey(Status))
        {
            Errors.Add(nameof(Status), "Vui lòng chọn trạng thái của nhiệm vụ.");
        }

        Note = Note?.Trim();
        if (Note is { Length: > PlanTaskTracker.NoteLength })
        {
            Errors.Add(nameof(Note), $"Ghi chú tiến độ dài tối đa {PlanTaskTracker.NoteLength} ký tự (hiện có {Note.Length}).");
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await tracker.UpdateAsync(task, Status!, Note, User.Identity!.Name!, cancellationToken);
        TempData[SavedKey] = $"Đã lưu trạng thái nhiệm vụ số {task.Number}.";
        return Redirect($"/can-bo/nhiem-vu#nhiem-vu-{task.Number}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Site = content.Current;
        Tasks = Site.Plan?.Tasks ?? [];
        Latest = await tracker.LatestAsync(cancellationToken);
        UserDepartment = User.IsInRole(StaffRoles.Handler) ? (await users.GetUserAsync(User))?.Department : null;
    }
}
