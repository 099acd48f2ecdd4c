using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Plan;

public sealed class TasksModel(ContentStore content) : PageModel
{
    public Content.Plan Plan { get; private set; } = null!;

    public ContentSnapshot Site { get; private set; } = null!;

    /// <summary>Filter by lead agency (query string <c>co-quan</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "co-quan")]
    public string? Agency { get; set; }

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    public IActionResult OnGet(string slug)
    {
        Site = content.Current;
        if (Site.Plan is not { } plan || plan.Slug != slug)
        {
            return NotFound();
        }

        Plan = plan;
        Tasks = plan.Tasks.Where(t => string.IsNullOrEmpty(Agency) || t.LeadSlug == Agency).ToList();
        return Page();
    }
}
