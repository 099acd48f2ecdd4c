using DanTienPortal.Web.Content;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Staff.Users;

/// <summary>
/// A new account with a generated password. The password goes to the next page once, through
/// the encrypted TempData cookie; it is not stored in clear or logged anywhere.
/// </summary>
[Authorize(Policy = StaffPolicies.Users)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class CreateModel(StaffAccounts accounts, ContentStore content) : PageModel
{
    public const int MaxEmail = 256;
    public const int MaxFullName = 100;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? FullName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    public FormErrors Errors { get; } = new();

    public RoleFields RoleFields => new(Role, Department, content.Current, Errors);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Email = Email?.Trim();
        FullName = FullName?.Trim();
        if (string.IsNullOrEmpty(Email))
        {
            Errors.Add("Email", "Nhập địa chỉ thư điện tử của cán bộ.");
        }
        else if (Email.Length > MaxEmail)
        {
            Errors.Add("Email", $"Địa chỉ thư điện tử tối đa {MaxEmail} ký tự.");
        }

        if (string.IsNullOrEmpty(FullName))
        {
            Errors.Add("FullName", "Nhập họ và tên của cán bộ.");
        }
        else if (FullName.Length > MaxFullName)
        {
            Errors.Add("FullName", $"Họ và tên tối đa {MaxFullName} ký tự.");
        }

        if (!RoleFields.Validate() || Errors.Count > 0)
        {
            return Page();
        }

        var (user, password, problems) = await accounts.CreateAccountAsync(Email!, FullName!, Role!, Department, User.Identity!.Name!);
        if (user is null)
        {
            // The account name is the address: a duplicate name is the same problem as a duplicate address.
            foreach (var problem in problems.Where(p => p.Code != nameof(VietnameseIdentityErrors.DuplicateUserName)))
            {
                Errors.Add(problem.Code is nameof(VietnameseIdentityErrors.DuplicateEmail) or nameof(VietnameseIdentityErrors.InvalidEmail) or nameof(VietnameseIdentityErrors.InvalidUserName) ? "Email" : "Form", problem.Description);
            }

            return Page();
        }

        EditModel.ShowPassword(TempData, user.Id, password!);
        return Redirect($"/can-bo/nguoi-dung/{user.Id}");
    }
}
