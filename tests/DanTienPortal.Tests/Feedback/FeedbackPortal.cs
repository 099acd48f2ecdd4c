using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DanTienPortal.Tests.Feedback;

/// <summary>
/// The portal for the feedback tests: its own cloned database like every <see cref="PortalFactory"/>,
/// with rate limits high enough that a class's tests never trip them (the rate-limit tests lower them).
/// </summary>
public class FeedbackPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:SubmissionsPerWindow", "1000");
        builder.UseSetting("Feedback:LookupsPerWindow", "1000");
    }
}
