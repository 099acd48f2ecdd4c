using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.Cases;

/// <summary>The department inbox: a handler's department's cases, or every department's for leaders, with filters and counts.</summary>
[Authorize(Policy = StaffPolicies.Cases)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(CaseDesk desk, ContentStore content) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The status filters, by the value the address carries; "mo" is every open status.</summary>
    public static readonly IReadOnlyList<(string Key, CaseStatus Status)> StatusFilters =
    [
        ("tiep-nhan", CaseStatus.Received), ("dang-xu-ly", CaseStatus.Accepted), ("can-bo-sung", CaseStatus.NeedsInformation),
        ("da-tra-loi", CaseStatus.Answered), ("khong-thu-ly", CaseStatus.Rejected), ("ket-thuc", CaseStatus.Closed),
    ];

    [BindProperty(SupportsGet = true, Name = "trang-thai")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "loai")]
    public string? Kind { get; set; }

    /// <summary>"qua-han" or "sap-den-han".</summary>
    [BindProperty(SupportsGet = true, Name = "han")]
    public string? Due { get; set; }

    /// <summary>Leaders and administrators only: one department.</summary>
    [BindProperty(SupportsGet = true, Name = "phong")]
    public string? Department { get; set; }

    /// <summary>Set after a handler passed a case to another department.</summary>
    [BindProperty(SupportsGet = true, Name = "da-chuyen")]
    public string? Transferred { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public StaffScope Scope { get; private set; } = new("", false, null);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool HasMore { get; private set; }

    public IReadOnlyDictionary<CaseStatus, int> Counts { get; private set; } = new Dictionary<CaseStatus, int>();

    public int OverdueCount { get; private set; }

    public int DueSoonCount { get; private set; }

    public IEnumerable<Agency> Departments => StaffDisplay.Departments(content.Current);

    public string DepartmentName(string slug) => CaseDesk.DepartmentName(content.Current, slug);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Scope = await desk.ScopeAsync(User);
        var cases = desk.Visible(Scope).AsNoTracking();
        if (Scope.AllDepartments && Department is { Length: > 0 } department)
        {
            cases = cases.Where(c => c.Department == department);
        }

        Counts = await cases.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        OverdueCount = await desk.Overdue(cases).CountAsync(cancellationToken);
        DueSoonCount = await desk.DueSoon(cases).CountAsync(cancellationToken);

        if (Status == "mo")
        {
            cases = desk.Open(cases);
        }
        else if (StatusFilters.FirstOrDefault(f => f.Key == Status) is { Key: not null } statusFilter)
        {
            cases = cases.Where(c => c.Status == statusFilter.Status);
        }

        if (FeedbackKinds.FromSlug(Kind) is { } kind)
        {
            cases = cases.Where(c => c.Kind == kind.Kind);
        }

        cases = Due switch
        {
            "qua-han" => desk.Overdue(cases),
            "sap-den-han" => desk.DueSoon(cases),
            _ => cases,
        };

        // Open cases first, the most urgent on top; then the rest, newest first. Asked as two
        // queries, each in the order of an index (open cases by due day, the rest by submission),
        // so that a page costs the same with a thousand cases or with hundreds of thousands.
        var skip = (PageNumber - 1) * PageSize;
        var open = desk.Open(cases);
        var openCount = await open.CountAsync(cancellationToken);
        var rows = skip >= openCount ? [] : await Page(open.OrderBy(c => c.DueBy).ThenByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id), skip, cancellationToken);
        if (rows.Count <= PageSize)
        {
            var rest = desk.NotOpen(cases).OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id);
            rows.AddRange(await Page(rest, Math.Max(0, skip - openCount), cancellationToken, PageSize + 1 - rows.Count));
        }

        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }

    public DueState DueOf(Row row) => desk.Due(row.Status, row.DueBy);

    /// <summary>One page of rows (and one more, to tell whether another page follows) from <paramref name="ordered"/>.</summary>
    private static Task<List<Row>> Page(IQueryable<FeedbackCase> ordered, int skip, CancellationToken cancellationToken, int take = PageSize + 1) =>
        ordered.Skip(skip).Take(take)
            .Select(c => new Row(c.Id, c.Code, c.Kind, c.Title, c.Department, c.Status, c.SubmittedAt, c.DueBy))
            .ToListAsync(cancellationToken);

    /// <summary>This page's address with the current filters, one of them changed.</summary>
    public string Link(string? status = "", string? due = "", int page = 1)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["trang-thai"] = status == "" ? Status : status,
            ["loai"] = Kind,
            ["han"] = due == "" ? Due : due,
            ["phong"] = Scope.AllDepartments ? Department : null,
            ["trang"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/can-bo/phan-anh", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    /// <summary>A case as the inbox lists it, without personal data.</summary>
    public sealed record Row(long Id, string Code, FeedbackKind Kind, string Title, string Department, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueBy);
}
