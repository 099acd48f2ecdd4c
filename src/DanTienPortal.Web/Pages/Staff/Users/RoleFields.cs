using DanTienPortal.Web.Content;
using DanTienPortal.Web.Staff;

namespace DanTienPortal.Web.Pages.Staff.Users;

/// <summary>The role and department of an account, as chosen in a form, with their checks.</summary>
public sealed record RoleFields(string? Role, string? Department, ContentSnapshot Site, FormErrors Errors)
{
    /// <summary>A known role, and for a handler one of the commune's departments.</summary>
    public bool Validate()
    {
        if (Role is null || !StaffRoles.All.Contains(Role))
        {
            Errors.Add("Role", "Chọn một vai trò.");
        }
        else if (Role == StaffRoles.Handler && !StaffDisplay.IsDepartment(Site, Department))
        {
            Errors.Add("Department", "Cán bộ xử lý phải thuộc một phòng, ban: hãy chọn phòng, ban.");
        }

        return Errors.Count == 0;
    }
}
