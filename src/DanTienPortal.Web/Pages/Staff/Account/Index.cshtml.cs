using DanTienPortal.Web.Content;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff.Account;

/// <summary>The signed-in member's own account: who they are, changing their password, two-factor status.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ContentStore content, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>TempData key of the message shown after a change, on this page.</summary>
    public const string StatusKey = "AccountStatus";

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public StaffUser Member { get; private set; } = null!;

    public IList<string> Roles { get; private set; } = [];

    public string? Status { get; private set; }

    public FormErrors Errors { get; } = new();

    public ContentSnapshot Site => content.Current;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            context.Result = Challenge();
            return;
        }

        Member = member;
        Roles = await users.GetRolesAsync(member);
        await next();
    }

    public void OnGet() => Status = TempData[StatusKey] as string;

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors.Add(nameof(CurrentPassword), "Nhập mật khẩu hiện tại.");
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            Errors.Add(nameof(NewPassword), "Nhập mật khẩu mới.");
        }
        else if (NewPassword == CurrentPassword)
        {
            Errors.Add(nameof(NewPassword), "Mật khẩu mới phải khác mật khẩu hiện tại.");
        }
        else if (NewPassword != ConfirmPassword)
        {
            Errors.Add(nameof(ConfirmPassword), "Mật khẩu nhập lại không khớp với mật khẩu mới.");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var changed = await users.ChangePasswordAsync(Member, CurrentPassword!, NewPassword!);
        if (!changed.Succeeded)
        {
            var mismatch = changed.Errors.FirstOrDefault(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            if (mismatch is not null)
            {
                Errors.Add(nameof(CurrentPassword), mismatch.Description);
            }
            else
            {
                Errors.Add(nameof(NewPassword), string.Join(" ", changed.Errors.Select(e => e.Description)));
            }

            return Page();
        }

        // The new security stamp ends every other session; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(Member);
        logger.LogInformation("Staff {UserId} changed their password", Member.Id);
        TempData[StatusKey] = "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn sẽ kết thúc.";
        return RedirectToPage();
    }
}
