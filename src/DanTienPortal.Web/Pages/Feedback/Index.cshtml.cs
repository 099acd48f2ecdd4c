using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Feedback;

/// <summary>The feedback landing page, with the latest published answers in pages.</summary>
public sealed class IndexModel(PortalDbContext db, ContentStore content) : PageModel
{
    public const int PageSize = 10;

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PublishedAnswer> Answers { get; private set; } = [];

    public int PageCount { get; private set; }

    public string DepartmentName(string slug) =>
        content.Current.AgenciesBySlug.TryGetValue(slug, out var agency) ? agency.Name : slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var count = await Publication.CountAsync(db, cancellationToken);
        PageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount)
        {
            return NotFound();
        }

        Answers = await Publication.PageAsync(db, (PageNumber - 1) * PageSize, PageSize, cancellationToken);
        return Page();
    }
}
