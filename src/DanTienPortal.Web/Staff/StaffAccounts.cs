using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Staff;

/// <summary>Creating accounts and the roles they need, for the command line and the admin pages.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, TimeProvider time)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => users.Users.AnyAsync(cancellationToken);

    /// <summary>Creates an account with a generated password, returned once; errors in Vietnamese when it cannot.</summary>
    public async Task<(StaffUser? User, string? Password, IReadOnlyList<string> Errors)> CreateAsync(
        string email, string fullName, string role, string? department)
    {
        await EnsureRolesAsync();
        var user = new StaffUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            FullName = fullName.Trim(),
            Department = role == StaffRoles.Handler ? department : null,
            CreatedAt = time.GetUtcNow(),
            EmailConfirmed = true,
        };
        var password = StaffModule.GeneratePassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, null, created.Errors.Select(e => e.Description).ToList());
        }

        await users.AddToRoleAsync(user, role);
        return (user, password, []);
    }
}
