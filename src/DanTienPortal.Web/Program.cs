using DanTienPortal.Web.Data;
using DanTienPortal.Web.Hosting;
using DanTienPortal.Web.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = PortalPaths.Locate().WebRoot,
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPortalDatabase();
builder.Services.AddPortalWeb(builder.Configuration);

var app = builder.Build();

if (args is ["migrate", ..])
{
    await app.MigrateDatabaseAsync();
    return;
}

await app.MigrateOnStartAsync();
app.UsePortalWeb();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
