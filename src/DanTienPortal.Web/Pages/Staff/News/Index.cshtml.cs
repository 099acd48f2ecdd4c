using DanTienPortal.Web.Data;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.News;

/// <summary>Every post written in the editor, most recently changed first, filtered by status.</summary>
[Authorize(Policy = StaffPolicies.News)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(PortalDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The filters, by the value the address carries.</summary>
    public static readonly IReadOnlyList<(string Key, NewsStatus Status)> Filters =
        [("nhap", NewsStatus.Draft), ("hen-gio", NewsStatus.Scheduled), ("da-dang", NewsStatus.Published), ("thu-hoi", NewsStatus.Withdrawn)];

    [BindProperty(SupportsGet = true, Name = "trang-thai")]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PostRow> Posts { get; private set; } = [];

    public bool HasMore { get; private set; }

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var posts = db.NewsPosts.AsNoTracking();
        var now = Now;
        posts = Filters.FirstOrDefault(f => f.Key == Filter).Status switch
        {
            NewsStatus.Draft => posts.Where(p => p.Status == NewsStatus.Draft),
            NewsStatus.Scheduled => posts.Where(p => p.Status == NewsStatus.Scheduled && p.PublishAt > now),
            NewsStatus.Published => posts.Where(p => p.Status == NewsStatus.Published || (p.Status == NewsStatus.Scheduled && p.PublishAt <= now)),
            NewsStatus.Withdrawn => posts.Where(p => p.Status == NewsStatus.Withdrawn),
            _ => posts,
        };
        var rows = await posts.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new PostRow(p.Id, p.Title, p.Slug, p.Status, p.PublishAt, p.UpdatedAt, p.UpdatedByName))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Posts = rows.Take(PageSize).ToList();
    }

    public string Link(int page) => Filter is { Length: > 0 } ? $"/can-bo/tin-tuc?trang-thai={Uri.EscapeDataString(Filter)}&trang={page}" : $"/can-bo/tin-tuc?trang={page}";

    /// <summary>A post as the list shows it, without its body.</summary>
    public sealed record PostRow(long Id, string Title, string Slug, NewsStatus Status, DateTimeOffset? PublishAt, DateTimeOffset UpdatedAt, string UpdatedByName);
}
