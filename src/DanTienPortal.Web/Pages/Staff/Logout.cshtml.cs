using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff;

/// <summary>Signs out (POST only, with the antiforgery token), then back to the sign-in page.</summary>
public sealed class LogoutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Staff/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Staff/Login");
    }
}
