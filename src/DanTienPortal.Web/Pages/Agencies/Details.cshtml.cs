using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Agencies;

public sealed class DetailsModel(ContentStore content) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    public ContentSnapshot Site { get; private set; } = null!;

    public IReadOnlyList<Procedure> Procedures { get; private set; } = [];

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    public IActionResult OnGet(string slug)
    {
        Site = content.Current;
        if (!Site.AgenciesBySlug.TryGetValue(slug, out var agency))
        {
            return NotFound();
        }

        Agency = agency;
        Procedures = Site.ProceduresOf(slug).ToList();
        Tasks = Site.TasksOf(slug).ToList();
        return Page();
    }
}
