using AngleSharp.Dom;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanTienPortal.Tests.Staff;

/// <summary>
/// The portal checking the security stamp on every request instead of once a minute, so that a
/// disabled account or a new role shows on the member's next request; its log is kept.
/// </summary>
public sealed class StaffPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    public LogCapture Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.PostConfigure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
            services.AddLogging(logging => logging.AddProvider(Log));
        });
    }

    public async Task<StaffUser> FindAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        Assert.NotNull(user);
        return user;
    }

    /// <summary>Submits a form of <paramref name="page"/> as a browser would: its action, its antiforgery token and <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string formSelector, Dictionary<string, string>? fields = null)
    {
        var form = page.QuerySelector(formSelector);
        Assert.True(form is not null, $"no form {formSelector} on {page.Url}");
        var values = new Dictionary<string, string>(fields ?? [])
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var action = form.GetAttribute("action") is { Length: > 0 } given ? given : new Uri(page.Url).PathAndQuery;
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>Opens <paramref name="path"/> and submits the form of the given handler on it.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, Dictionary<string, string>? fields = null) =>
        await SubmitAsync(client, await Html.GetAsync(client, path), $"form[action*='handler={handler}']", fields);
}
