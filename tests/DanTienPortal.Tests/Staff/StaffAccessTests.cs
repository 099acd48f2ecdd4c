using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Staff;

/// <summary>
/// Every route under /can-bo/, read from the app's own route table so that a new page cannot be
/// forgotten: anonymous visitors are sent to sign in, staff without the page's role are refused.
/// </summary>
public sealed class StaffAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>The only staff pages anyone may open.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal) { "can-bo/dang-nhap", "can-bo/dang-nhap/xac-thuc", "can-bo/khong-co-quyen" };

    private List<(string Route, string Path, string[] Policies)> StaffRoutes() => portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && (raw == "can-bo" || raw.StartsWith("can-bo/", StringComparison.Ordinal)))
        .Select(e => (
            Route: e.RoutePattern.RawText!,
            // Parameters get a value that exists nowhere: access is decided before the page looks anything up.
            Path: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => s.IsSimple && s.Parts[0] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "999999")),
            Policies: e.Metadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? "").Distinct().ToArray()))
        .DistinctBy(r => r.Route)
        .ToList();

    [Fact]
    public void Every_staff_route_requires_a_staff_account_except_sign_in()
    {
        var routes = StaffRoutes();
        Assert.True(routes.Count >= 5, string.Join(", ", routes.Select(r => r.Route)));
        Assert.All(routes.Where(r => !Public.Contains(r.Route)), r => Assert.Contains(StaffPolicies.Staff, r.Policies));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page_from_every_staff_route()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (route, path, _) in StaffRoutes().Where(r => !Public.Contains(r.Route)))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {(int)response.StatusCode}");
            Assert.StartsWith("http://localhost/can-bo/dang-nhap?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(StaffRoles.Editor)]
    [InlineData(StaffRoles.Handler)]
    [InlineData(StaffRoles.Leader)]
    [InlineData(StaffRoles.Admin)]
    public async Task Staff_reach_the_routes_of_their_role_and_are_refused_the_others(string role)
    {
        var session = await StaffSession.SignInAsync(portal, role, role == StaffRoles.Handler ? "phong-kinh-te" : null);
        var policies = portal.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var (route, path, routePolicies) in StaffRoutes().Where(r => !Public.Contains(r.Route)))
        {
            var allowed = true;
            foreach (var name in routePolicies)
            {
                var policy = await policies.GetPolicyAsync(name);
                allowed &= policy!.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().All(r => r.AllowedRoles.Contains(role));
            }

            using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var refused = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/can-bo/khong-co-quyen", StringComparison.Ordinal);
            Assert.True(allowed != refused, $"{role} on {route}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var session = await StaffSession.SignInAsync(portal, StaffRoles.Editor);
        var home = await Html.GetAsync(session.Client, "/can-bo");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = home.QuerySelector(".staff-nav input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        using var signedOut = await session.Client.PostAsync(new Uri("/can-bo/dang-xuat", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal("/can-bo/dang-nhap", signedOut.Headers.Location?.ToString());

        using var after = await session.Client.GetAsync(new Uri("/can-bo", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var session = await StaffSession.SignInAsync(portal, StaffRoles.Editor);
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await StaffSession.SubmitLoginAsync(client, session.Email, "Sai-mat-khau-123");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await StaffSession.SubmitLoginAsync(client, session.Email, session.Password);
        var page = await Html.ParseAsync(right);
        Assert.Contains("tạm bị khóa", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_staff_cookie_is_http_only_same_site_strict_and_secure_over_https()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        var email = $"cookie-{Guid.NewGuid():N}@dantien.test";
        await using var scope = portal.Services.CreateAsyncScope();
        var (_, password, _) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, "Cán bộ", StaffRoles.Editor, null);
        using var login = await client.GetAsync(new Uri("/can-bo/dang-nhap", UriKind.Relative), TestContext.Current.CancellationToken);
        var antiforgery = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var page = await Html.ParseAsync(login);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/can-bo/dang-nhap", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["Email"] = email,
                ["Password"] = password!,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(StaffModule.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie.Split(';').Select(p => p.Trim().ToLowerInvariant()));
    }
}
