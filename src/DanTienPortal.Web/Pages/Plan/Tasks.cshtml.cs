using DanTienPortal.Web.Content;
using DanTienPortal.Web.Plan;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Plan;

public sealed class TasksModel(ContentStore content, PlanTaskTracker tracker) : PageModel
{
    public Content.Plan Plan { get; private set; } = null!;

    public ContentSnapshot Site { get; private set; } = null!;

    /// <summary>Filter by lead agency (query string <c>co-quan</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "co-quan")]
    public string? Agency { get; set; }

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    /// <summary>Each task's status as shown: the latest staff update, else the file's.</summary>
    public IReadOnlyDictionary<int, PlanTaskStatus> Statuses { get; private set; } = new Dictionary<int, PlanTaskStatus>();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Site = content.Current;
        if (Site.Plan is not { } plan || plan.Slug != slug)
        {
            return NotFound();
        }

        Plan = plan;
        var latest = await tracker.LatestOrNoneAsync(cancellationToken);
        Statuses = plan.Tasks.ToDictionary(t => t.Number, t => PlanTaskTracker.StateOf(t, latest).Status);
        Tasks = plan.Tasks.Where(t => string.IsNullOrEmpty(Agency) || t.LeadSlug == Agency).ToList();
        return Page();
    }
}
