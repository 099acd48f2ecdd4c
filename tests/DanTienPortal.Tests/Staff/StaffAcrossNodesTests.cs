using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Staff;

/// <summary>
/// Behind a load balancer a staff member's requests land on any node: the sign-in cookie (and the
/// antiforgery cookie) one node issues must be accepted by every other, through the key ring they
/// share in PostgreSQL.
/// </summary>
public sealed class StaffAcrossNodesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly WebApplicationFactoryClientOptions CookiesByHand = new() { AllowAutoRedirect = false, HandleCookies = false };

    [Fact]
    public async Task A_staff_member_signed_in_on_one_node_is_signed_in_on_another()
    {
        var email = $"leader-{Guid.NewGuid():N}@dantien.test";
        string password;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (user, created, errors) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                .CreateAsync(email, "Cán bộ Trần Thị Lan", StaffRoles.Leader, null);
            Assert.True(user is not null, string.Join(" ", errors));
            password = created!;
        }

        // Signing in on the first node, carrying cookies by hand as a browser would between nodes.
        using var first = portal.CreateClient(CookiesByHand);
        using var loginPage = await first.GetAsync(new Uri("/can-bo/dang-nhap", UriKind.Relative), TestContext.Current.CancellationToken);
        var antiforgery = Cookies(loginPage);
        var token = (await Html.ParseAsync(loginPage)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/can-bo/dang-nhap")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Email"] = email,
                ["Password"] = password,
            }),
        };
        login.Headers.Add("Cookie", antiforgery);
        using var signedIn = await first.SendAsync(login, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());
        var session = Cookies(signedIn);

        await using var secondNode = portal.SecondNode();
        using var second = secondNode.CreateClient(CookiesByHand);
        using var anonymous = await second.GetAsync(new Uri("/can-bo", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        using var home = new HttpRequestMessage(HttpMethod.Get, "/can-bo");
        home.Headers.Add("Cookie", session);
        using var answer = await second.SendAsync(home, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Cán bộ Trần Thị Lan", (await Html.ParseAsync(answer)).QuerySelector("body")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The <c>name=value</c> pairs of the cookies a response sets, as a <c>Cookie</c> header.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : []);
}
