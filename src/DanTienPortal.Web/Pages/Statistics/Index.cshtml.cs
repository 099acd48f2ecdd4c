using DanTienPortal.Web.Content;
using DanTienPortal.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Statistics;

public sealed class IndexModel(CaseStatistics statistics) : PageModel
{
    /// <summary>Filter by department (query string <c>co-quan</c>); empty for the whole commune.</summary>
    [BindProperty(SupportsGet = true, Name = "co-quan")]
    public string? Department { get; set; }

    public IReadOnlyList<Agency> Departments { get; private set; } = [];

    public StatisticsReport Report { get; private set; } = null!;

    /// <summary>The department filtered by, when there is one.</summary>
    public Agency? Selected { get; private set; }

    public string CsvUrl => Selected is null ? "/thong-ke/du-lieu.csv" : $"/thong-ke/du-lieu.csv?co-quan={Uri.EscapeDataString(Selected.Slug)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = statistics.Departments;
        if (!string.IsNullOrEmpty(Department))
        {
            Selected = Departments.FirstOrDefault(a => a.Slug == Department);
            if (Selected is null)
            {
                return NotFound();
            }
        }

        Report = await statistics.ComputeAsync(Selected?.Slug, cancellationToken);
        Response.Headers.CacheControl = StatisticsModule.CacheControl;
        return Page();
    }
}
