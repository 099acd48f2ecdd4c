using DanTienPortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Web.Staff;

/// <summary>An account with its role, as the admin pages list it.</summary>
public sealed record StaffMember(StaffUser User, string? Role);

/// <summary>
/// Creating and managing accounts, for the command line and the admin pages. Every change is
/// logged with who made it and to whom; passwords never are.
/// </summary>
public sealed class StaffAccounts(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    PortalDbContext db,
    TimeProvider time,
    ILogger<StaffAccounts> logger)
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

    /// <summary>Creates an account with a generated password, returned once, logged as done by <paramref name="actor"/>; Identity's errors (in Vietnamese) when it cannot.</summary>
    public async Task<(StaffUser? User, string? Password, IReadOnlyList<IdentityError> Errors)> CreateAccountAsync(
        string email, string fullName, string role, string? department, string actor)
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
            return (null, null, created.Errors.ToList());
        }

        await users.AddToRoleAsync(user, role);
        logger.LogInformation("Staff account {Email} ({UserId}) created by {Actor} as {Role}, department {Department}",
            user.Email, user.Id, actor, role, user.Department);
        return (user, password, []);
    }

    /// <summary>The same, for the command line and the first start: errors as Vietnamese sentences.</summary>
    public async Task<(StaffUser? User, string? Password, IReadOnlyList<string> Errors)> CreateAsync(
        string email, string fullName, string role, string? department)
    {
        var (user, password, errors) = await CreateAccountAsync(email, fullName, role, department, "system");
        return (user, password, errors.Select(e => e.Description).ToList());
    }

    /// <summary>Every account with its role, by name.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var roleOf = (await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => g.Min(r => r.Name), StringComparer.Ordinal);
        return accounts
            .Select(u => new StaffMember(u, roleOf.GetValueOrDefault(u.Id)))
            .OrderBy(m => m.User.FullName, Content.ContentSnapshot.VietnameseOrder)
            .ThenBy(m => m.User.Email, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One account with its role; null for an unknown id.</summary>
    public async Task<StaffMember?> FindAsync(string? id)
    {
        var user = string.IsNullOrEmpty(id) ? null : await users.FindByIdAsync(id);
        return user is null ? null : new StaffMember(user, (await users.GetRolesAsync(user)).FirstOrDefault());
    }

    /// <summary>Gives the account one role; a handler works for <paramref name="department"/>, other roles for none.</summary>
    public async Task ChangeRoleAsync(StaffUser user, string role, string? department, string actor)
    {
        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != role)
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role);
        }

        user.Department = role == StaffRoles.Handler ? department : null;
        await users.UpdateAsync(user);
        logger.LogInformation("Staff account {Email} ({UserId}) given role {Role}, department {Department} by {Actor}",
            user.Email, user.Id, role, user.Department, actor);
    }

    /// <summary>
    /// Disables the account: it is locked out for good and its security stamp changes, so every
    /// session it has ends at the next stamp check. Enabling undoes both.
    /// </summary>
    public async Task SetDisabledAsync(StaffUser user, bool disabled, string actor)
    {
        user.Disabled = disabled;
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Staff account {Email} ({UserId}) {Change} by {Actor}",
            user.Email, user.Id, disabled ? "disabled" : "enabled", actor);
    }

    /// <summary>Replaces the password with a generated one, returned once, and ends a temporary lockout.</summary>
    public async Task<string?> ResetPasswordAsync(StaffUser user, string actor)
    {
        var password = StaffModule.GeneratePassword();
        if (!user.Disabled)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            logger.LogError("The password of staff account {UserId} could not be reset: {Errors}", user.Id, string.Join("; ", reset.Errors.Select(e => e.Code)));
            return null;
        }

        logger.LogInformation("Staff account {Email} ({UserId}) given a new password by {Actor}", user.Email, user.Id, actor);
        return password;
    }

    /// <summary>Turns two-factor sign-in off and forgets the authenticator key, for a member who lost their phone.</summary>
    public async Task ResetTwoFactorAsync(StaffUser user, string actor)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        logger.LogInformation("Two-factor sign-in of staff account {Email} ({UserId}) turned off by {Actor}", user.Email, user.Id, actor);
    }
}
