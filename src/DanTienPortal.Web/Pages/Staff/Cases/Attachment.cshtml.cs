using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Pages.Staff.Cases;

/// <summary>A file sent with a case, as a download, for staff who may see the case; each download is recorded.</summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class AttachmentModel(CaseDesk desk, PortalDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long attachmentId, CancellationToken cancellationToken)
    {
        var scope = await desk.ScopeAsync(User);
        if (!await desk.Visible(scope).AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var file = await db.CaseAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == id, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        await desk.RecordAccessAsync(id, scope, $"attachment:{file.Id}", cancellationToken);
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "no-store";
        // A download, never shown inline: a file from the public must not run in the portal's origin.
        return File(file.Content, file.ContentType, file.FileName);
    }
}
