using System.Security.Cryptography;
using DanTienPortal.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace DanTienPortal.Web.Staff;

/// <summary>Staff accounts (ASP.NET Core Identity in PostgreSQL), their cookie, roles and policies.</summary>
public static class StaffModule
{
    public const string CookieName = "dantien.staff";

    /// <summary>
    /// Whether the request carries the staff sign-in cookie: only such a request can be signed in,
    /// so only such a request is authenticated (a citizen's request, and a cached page, skip it).
    /// A staff page is still refused to any other request, since authorization authenticates for
    /// itself and then finds no one signed in.
    /// </summary>
    public static bool MayBeSignedIn(HttpContext context) => context.Request.Cookies.ContainsKey(CookieName);

    public static IServiceCollection AddPortalStaff(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 6;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrors>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS (directly or through the trusted proxy).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/can-bo/dang-nhap";
            options.LogoutPath = "/can-bo/dang-xuat";
            options.AccessDeniedPath = "/can-bo/khong-co-quyen";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // A disabled account or a changed password signs the user out everywhere within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All))
            .AddPolicy(StaffPolicies.News, p => p.RequireRole(StaffRoles.Editor, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Cases, p => p.RequireRole(StaffRoles.Handler, StaffRoles.Leader, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Users, p => p.RequireRole(StaffRoles.Admin));

        services.AddScoped<StaffAccounts>();
        services.AddHostedService<StaffSetup>();
        return services;
    }

    /// <summary>Everything under <c>/can-bo/</c> needs a staff account; pages add their own policy on top.</summary>
    public static void AuthorizeStaffPages(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Staff", StaffPolicies.Staff);
        conventions.AllowAnonymousToPage("/Staff/Login");
        conventions.AllowAnonymousToPage("/Staff/LoginTwoFactor");
        conventions.AllowAnonymousToPage("/Staff/AccessDenied");
    }

    /// <summary>A password for a new account: 20 characters of letters and digits, with each kind present.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        chars[RandomNumberGenerator.GetInt32(0, 6)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(7, 13)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(14, 20)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }
}
