using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Plan;

public sealed class IndexModel(ContentStore content) : PageModel
{
    public Content.Plan Plan { get; private set; } = null!;

    public ContentSnapshot Site { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        Site = content.Current;
        if (Site.Plan is not { } plan || plan.Slug != slug)
        {
            return NotFound();
        }

        Plan = plan;
        return Page();
    }
}
