using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff;

/// <summary>The staff home: what needs the signed-in member's attention.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(UserManager<StaffUser> users, PortalDbContext db, TimeProvider time, CaseDesk desk, Content.ContentStore content) : PageModel
{
    public StaffUser? Member { get; private set; }

    public IList<string> Roles { get; private set; } = [];

    /// <summary>For editors and administrators: posts not yet public, drafts and scheduled; null for others.</summary>
    public IReadOnlyList<NewsPost>? PendingNews { get; private set; }

    /// <summary>For handlers: their department's open cases, the most urgent first (at most 10); null for others.</summary>
    public IReadOnlyList<FeedbackCase>? UrgentCases { get; private set; }

    /// <summary>For handlers: how many cases of their department are open.</summary>
    public int OpenCases { get; private set; }

    /// <summary>For leaders and administrators: open and overdue cases per department; null for others.</summary>
    public IReadOnlyList<DepartmentCases>? CasesByDepartment { get; private set; }

    public StaffScope? CaseScope { get; private set; }

    public DueState DueOf(FeedbackCase c) => desk.Due(c.Status, c.DueBy);

    public string DepartmentName(string? slug) => CaseDesk.DepartmentName(content.Current, slug);

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

        if (User.IsInRole(StaffRoles.Handler) || User.IsInRole(StaffRoles.Leader) || User.IsInRole(StaffRoles.Admin))
        {
            await LoadCasesAsync(cancellationToken);
        }
    }

    private async Task LoadCasesAsync(CancellationToken cancellationToken)
    {
        CaseScope = await desk.ScopeAsync(User);
        var open = desk.Open(desk.Visible(CaseScope).AsNoTracking());
        if (!CaseScope.AllDepartments)
        {
            OpenCases = await open.CountAsync(cancellationToken);
            UrgentCases = await open.OrderBy(c => c.DueBy).ThenBy(c => c.SubmittedAt).Take(10).ToListAsync(cancellationToken);
            return;
        }

        var openCounts = await open.GroupBy(c => c.Department).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var overdueCounts = await desk.Overdue(open).GroupBy(c => c.Department).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        CasesByDepartment = StaffDisplay.Departments(content.Current).Select(d => d.Slug)
            .Concat(openCounts.Keys).Distinct(StringComparer.Ordinal)
            .Select(slug => new DepartmentCases(slug, DepartmentName(slug), openCounts.GetValueOrDefault(slug), overdueCounts.GetValueOrDefault(slug)))
            .ToList();
    }

    /// <summary>One department's line on a leader's home page.</summary>
    public sealed record DepartmentCases(string Slug, string Name, int Open, int Overdue);
}
