using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff;

/// <summary>The second step of sign-in for accounts with two-factor authentication.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class LoginTwoFactorModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Staff/Login") : Page();

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Staff/Login");
        }

        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(LoginModel.SafeReturn(returnUrl));
        }

        Message = result.IsLockedOut
            ? "Tài khoản tạm bị khóa vì nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."
            : "Mã xác thực không đúng hoặc đã hết hạn. Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.";
        return Page();
    }
}
