using Microsoft.AspNetCore.Identity;

namespace DanTienPortal.Web.Staff;

/// <summary>A member of the commune's staff with an account on the portal.</summary>
public sealed class StaffUser : IdentityUser
{
    public required string FullName { get; set; }

    /// <summary>Slug of the department a handler works for; null for other roles.</summary>
    public string? Department { get; set; }

    /// <summary>A disabled account cannot sign in, and is signed out within a minute.</summary>
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The four roles and what staff see them called.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Handler = "Handler";
    public const string Leader = "Leader";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Handler, Leader];

    public static string Name(string role) => role switch
    {
        Admin => "Quản trị",
        Editor => "Biên tập",
        Handler => "Xử lý",
        Leader => "Lãnh đạo",
        _ => role,
    };
}

/// <summary>Authorization policies of the staff area, one per kind of work.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in staff member.</summary>
    public const string Staff = "Staff";

    /// <summary>Publishing news: editors and administrators.</summary>
    public const string News = "News";

    /// <summary>Handling cases: handlers (their department), leaders (all) and administrators.</summary>
    public const string Cases = "Cases";

    /// <summary>Managing accounts: administrators.</summary>
    public const string Users = "Users";
}
