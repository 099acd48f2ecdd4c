using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Infrastructure;

/// <summary>A staff member signed in through the real sign-in form, with their cookie in the client.</summary>
public sealed record StaffSession(HttpClient Client, string Email, string Password)
{
    /// <summary>Creates an account with <paramref name="role"/> and signs it in; the client does not follow redirects.</summary>
    public static async Task<StaffSession> SignInAsync(WebApplicationFactory<Program> portal, string role, string? department = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@dantien.test";
        await using var scope = portal.Services.CreateAsyncScope();
        var (user, password, errors) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .CreateAsync(email, $"Cán bộ {StaffRoles.Name(role)}", role, department);
        Assert.True(user is not null, string.Join(" ", errors));

        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signedIn = await SubmitLoginAsync(client, email, password!);
        Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());
        return new StaffSession(client, email, password!);
    }

    /// <summary>Posts the sign-in form as a browser would.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient client, string email, string password)
    {
        var page = await Html.GetAsync(client, "/can-bo/dang-nhap");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Email"] = email,
            ["Password"] = password,
        });
        return await client.PostAsync(new Uri("/can-bo/dang-nhap", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }
}
