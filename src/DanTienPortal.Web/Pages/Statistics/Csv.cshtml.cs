using DanTienPortal.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Statistics;

/// <summary>The figures of <c>/thong-ke</c> as a CSV file, with the same department filter.</summary>
public sealed class CsvModel(CaseStatistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "co-quan")]
    public string? Department { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var department = string.IsNullOrEmpty(Department) ? null : Department;
        if (department is not null && !statistics.Departments.Any(a => a.Slug == department))
        {
            return NotFound();
        }

        var report = await statistics.ComputeAsync(department, cancellationToken);
        Response.Headers.CacheControl = StatisticsModule.CacheControl;
        return File(StatisticsCsv.Write(report), StatisticsCsv.ContentType, StatisticsCsv.FileName(department));
    }
}
