using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanTienPortal.Tests.News;

/// <summary>The portal for the news tests: its own database, and a clock the tests move by hand.</summary>
public class NewsPortal(PostgresServer postgres) : PortalFactory(postgres)
{
    /// <summary>Starts at the real present (whole seconds), so that cookies and tokens stay valid.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
