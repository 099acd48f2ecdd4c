using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Agencies;

public sealed partial class DetailsModel(ContentStore content, CaseStatistics statistics, ILogger<DetailsModel> logger) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    public ContentSnapshot Site { get; private set; } = null!;

    public IReadOnlyList<Procedure> Procedures { get; private set; } = [];

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    /// <summary>A department's feedback figures; null for an outside body, or when the database cannot be read.</summary>
    public StatisticsReport? Feedback { get; private set; }

    /// <summary>Whether the figures were wanted but the database did not answer.</summary>
    public bool FeedbackUnavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Site = content.Current;
        if (!Site.AgenciesBySlug.TryGetValue(slug, out var agency))
        {
            return NotFound();
        }

        Agency = agency;
        Procedures = Site.ProceduresOf(slug).ToList();
        Tasks = Site.TasksOf(slug).ToList();
        if (agency.Kind == AgencyKind.Department)
        {
            try
            {
                Feedback = await statistics.ComputeAsync(slug, cancellationToken);
            }
            catch (Exception exception) when (exception.IsDatabaseFailure())
            {
                // The department's duties and procedures stay readable when the database is away.
                LogFiguresUnavailable(logger, exception, slug);
                FeedbackUnavailable = true;
            }
        }

        return Page();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback figures of department {Department} could not be read")]
    private static partial void LogFiguresUnavailable(ILogger logger, Exception exception, string department);
}
