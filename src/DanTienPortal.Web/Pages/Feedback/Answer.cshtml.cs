using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Feedback;

/// <summary>A published answer: the question and the answer as the handler published them, never the citizen's own fields.</summary>
public sealed class AnswerModel(PortalDbContext db, ContentStore content) : PageModel
{
    public PublishedAnswer Answer { get; private set; } = null!;

    public string DepartmentName => content.Current.AgenciesBySlug.TryGetValue(Answer.Department, out var agency) ? agency.Name : Answer.Department;

    public string? DepartmentUrl => content.Current.AgenciesBySlug.ContainsKey(Answer.Department) ? $"/co-quan/{Answer.Department}" : null;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await Publication.FindAsync(db, code, cancellationToken) is not { } answer)
        {
            return NotFound();
        }

        Answer = answer;
        return Page();
    }
}
