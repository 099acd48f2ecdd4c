using System.Globalization;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Feedback;

namespace DanTienPortal.Web.Staff;

/// <summary>How the staff pages show an account's department, lockout and dates.</summary>
public static class StaffDisplay
{
    /// <summary>The departments a handler can work for: the commune's own units in the content.</summary>
    public static IEnumerable<Agency> Departments(ContentSnapshot site) => site.Agencies.Where(a => a.Kind == AgencyKind.Department);

    public static bool IsDepartment(ContentSnapshot site, string? slug) =>
        slug is not null && site.AgenciesBySlug.TryGetValue(slug, out var agency) && agency.Kind == AgencyKind.Department;

    public static string Department(ContentSnapshot site, string? slug) =>
        slug is null ? "Không" : site.AgenciesBySlug.TryGetValue(slug, out var agency) ? agency.Name : $"{slug} (không còn trong nội dung)";

    public static string Time(DateTimeOffset instant) =>
        instant.ToOffset(Deadlines.VietnamOffset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Whether sign-in is locked: for good when disabled, else until the end of a lockout after wrong passwords.</summary>
    public static string Lockout(StaffUser user, DateTimeOffset now) =>
        user.Disabled ? "Khóa vô thời hạn"
        : user.LockoutEnd is { } end && end > now ? $"Khóa đến {Time(end)}"
        : "Không";
}
