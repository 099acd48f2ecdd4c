using DanTienPortal.Web.Data;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.News;

/// <summary>Every save of one post, newest first: who, when, and what it said.</summary>
[Authorize(Policy = StaffPolicies.News)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class HistoryModel(PortalDbContext db) : PageModel
{
    public NewsPost Post { get; private set; } = null!;

    public IReadOnlyList<NewsRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.NewsPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } post)
        {
            return NotFound();
        }

        Post = post;
        Revisions = await db.NewsRevisions.AsNoTracking().Where(r => r.PostId == id)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
