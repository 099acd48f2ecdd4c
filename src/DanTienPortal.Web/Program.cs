using DanTienPortal.Web.Content;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Feedback;
using DanTienPortal.Web.Hosting;
using DanTienPortal.Web.Mail;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Plan;
using DanTienPortal.Web.Search;
using DanTienPortal.Web.Staff;
using DanTienPortal.Web.Statistics;
using DanTienPortal.Web.Web;

if (args is ["check-content", .. var rest])
{
    return CheckContentCommand.Run(rest.FirstOrDefault() ?? PortalPaths.Locate().ContentRoot, Console.Out);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = PortalPaths.Locate().WebRoot,
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPortalDatabase(builder.Configuration);
builder.Services.AddPortalContent();
builder.Services.AddPortalSearch();
builder.Services.AddPortalMail();
builder.Services.AddPortalFeedback();
builder.Services.AddFeedbackJobs();
builder.Services.AddPortalStaff();
builder.Services.AddPortalNews();
builder.Services.AddPortalStatistics();
builder.Services.AddPortalPlan();
builder.Services.AddPortalWeb(builder.Configuration);

var app = builder.Build();

if (args is ["migrate", ..])
{
    await app.MigrateDatabaseAsync();
    return 0;
}

await app.MigrateOnStartAsync();

if (args is ["create-admin", var email, .. var name])
{
    return await CreateAdminCommand.RunAsync(app.Services, email, string.Join(' ', name), Console.Out);
}

app.UsePortalWeb();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
