using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff;

/// <summary>The staff home: what needs the signed-in member's attention.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(UserManager<StaffUser> users) : PageModel
{
    public StaffUser? Member { get; private set; }

    public IList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Member = await users.GetUserAsync(User);
        Roles = Member is null ? [] : await users.GetRolesAsync(Member);
    }
}
