using DanTienPortal.Web.Content;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace DanTienPortal.Web.Pages.Staff.Users;

/// <summary>
/// One account: its role and department, disabling and enabling, a new password, turning off
/// two-factor sign-in. Administrators cannot disable or demote themselves.
/// </summary>
[Authorize(Policy = StaffPolicies.Users)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class EditModel(
    StaffAccounts accounts, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ContentStore content, TimeProvider time) : PageModel
{
    private const string PasswordKey = "NewPassword";
    private const string PasswordForKey = "NewPasswordFor";
    private const string StatusKey = "Status";

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    public StaffMember Member { get; private set; } = null!;

    /// <summary>The password just generated for this account, shown on this one response only.</summary>
    public string? NewPassword { get; private set; }

    public string? Status { get; private set; }

    public FormErrors Errors { get; } = new();

    public bool IsSelf { get; private set; }

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public ContentSnapshot Site => content.Current;

    public RoleFields RoleFields => new(Role, Department, Site, Errors);

    /// <summary>Hands a generated password to the next request of this page, encrypted in the TempData cookie.</summary>
    public static void ShowPassword(ITempDataDictionary tempData, string userId, string password)
    {
        tempData[PasswordForKey] = userId;
        tempData[PasswordKey] = password;
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await accounts.FindAsync(RouteData.Values["id"] as string) is not { } member)
        {
            context.Result = NotFound();
            return;
        }

        Member = member;
        IsSelf = member.User.Id == users.GetUserId(User);
        if (context.HandlerMethod?.Name != "Role")
        {
            Role = member.Role;
            Department = member.User.Department;
        }

        await next();
    }

    public void OnGet()
    {
        // TempData hands a value that looks like a Guid back as a Guid.
        var passwordFor = TempData[PasswordForKey]?.ToString();
        var password = TempData[PasswordKey] as string;
        NewPassword = passwordFor == Member.User.Id ? password : null;
        Status = TempData[StatusKey] as string;
    }

    public async Task<IActionResult> OnPostRoleAsync()
    {
        if (!RoleFields.Validate())
        {
            return Page();
        }

        if (IsSelf && Role != StaffRoles.Admin)
        {
            Errors.Add("Role", $"Bạn không thể bỏ vai trò {StaffRoles.Name(StaffRoles.Admin)} của chính mình. Hãy nhờ một quản trị viên khác.");
            return Page();
        }

        await accounts.ChangeRoleAsync(Member.User, Role!, Department, Actor);
        return await DoneAsync($"Đã lưu vai trò {StaffRoles.Name(Role!)}.");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (IsSelf)
        {
            Errors.Add("Status", "Bạn không thể vô hiệu hóa tài khoản của chính mình. Hãy nhờ một quản trị viên khác.");
            return Page();
        }

        await accounts.SetDisabledAsync(Member.User, true, Actor);
        return await DoneAsync("Đã vô hiệu hóa tài khoản: cán bộ bị đăng xuất trong vòng một phút và không đăng nhập được nữa.");
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        await accounts.SetDisabledAsync(Member.User, false, Actor);
        return await DoneAsync("Đã kích hoạt lại tài khoản.");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        if (await accounts.ResetPasswordAsync(Member.User, Actor) is not { } password)
        {
            Errors.Add("Password", "Không cấp được mật khẩu mới; vui lòng thử lại.");
            return Page();
        }

        ShowPassword(TempData, Member.User.Id, password);
        return await DoneAsync("Đã cấp mật khẩu mới: các phiên đăng nhập cũ của cán bộ kết thúc.");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync()
    {
        await accounts.ResetTwoFactorAsync(Member.User, Actor);
        return await DoneAsync("Đã tắt xác thực hai bước: cán bộ đăng nhập chỉ bằng mật khẩu cho tới khi bật lại.");
    }

    private string Actor => User.Identity?.Name ?? "?";

    /// <summary>Back to this page with what was done; an administrator who changed their own stamp keeps their session.</summary>
    private async Task<RedirectResult> DoneAsync(string status)
    {
        if (IsSelf)
        {
            await signIn.RefreshSignInAsync(Member.User);
        }

        TempData[StatusKey] = status;
        return Redirect($"/can-bo/nguoi-dung/{Member.User.Id}");
    }
}
