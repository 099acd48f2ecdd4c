using System.Text;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace DanTienPortal.Web.Pages.Staff.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app: a new shared key (as text, link and QR code),
/// turned on only once a code from the app checks out; turning it off takes a code too.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ILogger<TwoFactorModel> logger) : PageModel
{
    /// <summary>The name authenticator apps show above the code.</summary>
    public const string Issuer = "Cổng xã Dân Tiến";

    [BindProperty]
    public string? Code { get; set; }

    public StaffUser Member { get; private set; } = null!;

    /// <summary>The shared key in groups of four, to type into the app; null before one is made.</summary>
    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    /// <summary>The QR code of <see cref="AuthenticatorUri"/> as an SVG data address, for an img element.</summary>
    public string? QrCode { get; private set; }

    public FormErrors Errors { get; } = new();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            context.Result = Challenge();
            return;
        }

        Member = member;
        await next();
    }

    public async Task OnGetAsync() => await LoadKeyAsync();

    /// <summary>Makes a new shared key, replacing any earlier one.</summary>
    public async Task<IActionResult> OnPostStartAsync()
    {
        if (!Member.TwoFactorEnabled)
        {
            await users.ResetAuthenticatorKeyAsync(Member);
            await signIn.RefreshSignInAsync(Member);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (Member.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(Member) is null)
        {
            return RedirectToPage();
        }

        if (!await CodeIsValidAsync())
        {
            await LoadKeyAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(Member, true);
        await signIn.RefreshSignInAsync(Member);
        logger.LogInformation("Staff {UserId} turned two-factor sign-in on", Member.Id);
        TempData[IndexModel.StatusKey] = "Đã bật xác thực hai bước: từ lần đăng nhập sau, bạn cần mã trong ứng dụng xác thực.";
        return RedirectToPage("/Staff/Account/Index");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (!Member.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!await CodeIsValidAsync())
        {
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(Member, false);
        // The old key may sit on a lost phone: turning it on again needs a new one.
        await users.ResetAuthenticatorKeyAsync(Member);
        await signIn.RefreshSignInAsync(Member);
        logger.LogInformation("Staff {UserId} turned two-factor sign-in off", Member.Id);
        TempData[IndexModel.StatusKey] = "Đã tắt xác thực hai bước.";
        return RedirectToPage("/Staff/Account/Index");
    }

    private async Task<bool> CodeIsValidAsync()
    {
        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6)
        {
            Errors.Add("Code", "Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.");
            return false;
        }

        if (!await users.VerifyTwoFactorTokenAsync(Member, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            Errors.Add("Code", "Mã không đúng hoặc đã hết hạn. Nhập mã đang hiện trong ứng dụng (mã đổi sau mỗi 30 giây) và kiểm tra giờ trên điện thoại.");
            return false;
        }

        return true;
    }

    private async Task LoadKeyAsync()
    {
        if (Member.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(Member) is not { } key)
        {
            return;
        }

        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(Member.Email!)}" +
                           $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCode = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
