using DanTienPortal.Web.Content;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff.Users;

/// <summary>Every staff account with its role, department and state; administrators only.</summary>
[Authorize(Policy = StaffPolicies.Users)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(StaffAccounts accounts, ContentStore content, TimeProvider time) : PageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public ContentSnapshot Site => content.Current;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Members = await accounts.ListAsync(cancellationToken);
}
