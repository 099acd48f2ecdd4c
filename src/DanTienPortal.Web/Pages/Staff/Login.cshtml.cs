using System.ComponentModel.DataAnnotations;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff;

/// <summary>Staff sign-in: e-mail and password, then a code from the authenticator app when two-factor is on.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || string.IsNullOrEmpty(Password) || user.Disabled)
        {
            Message = "Thư điện tử hoặc mật khẩu không đúng.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff {UserId} signed in", user.Id);
            return LocalRedirect(SafeReturn(returnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Staff/LoginTwoFactor", new { returnUrl = SafeReturn(returnUrl) });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff {UserId} locked out after failed sign-ins", user.Id);
            Message = "Tài khoản tạm bị khóa vì nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau 15 phút.";
            return Page();
        }

        Message = "Thư điện tử hoặc mật khẩu không đúng.";
        return Page();
    }

    /// <summary>Only addresses of the staff area: a sign-in link cannot send anyone elsewhere.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/can-bo", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/can-bo";
}
