using DanTienPortal.Web.Data;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff;

/// <summary>The staff home: what needs the signed-in member's attention.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(UserManager<StaffUser> users, PortalDbContext db, TimeProvider time) : PageModel
{
    public StaffUser? Member { get; private set; }

    public IList<string> Roles { get; private set; } = [];

    /// <summary>For editors and administrators: posts not yet public, drafts and scheduled; null for others.</summary>
    public IReadOnlyList<NewsPost>? PendingNews { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Member = await users.GetUserAsync(User);
        Roles = Member is null ? [] : await users.GetRolesAsync(Member);
        if (Roles.Contains(StaffRoles.Editor) || Roles.Contains(StaffRoles.Admin))
        {
            var now = time.GetUtcNow();
            PendingNews = await db.NewsPosts.AsNoTracking()
                .Where(p => p.Status == NewsStatus.Draft || (p.Status == NewsStatus.Scheduled && p.PublishAt > now))
                .OrderBy(p => p.Status).ThenBy(p => p.PublishAt).ThenByDescending(p => p.UpdatedAt)
                .Take(100)
                .ToListAsync(cancellationToken);
        }
    }
}
