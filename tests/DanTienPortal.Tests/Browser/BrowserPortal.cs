using DanTienPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Browser;

/// <summary>
/// The portal on a real Kestrel socket, so that a real browser can reach it, with a database of
/// its own and rate limits no journey trips.
/// </summary>
public sealed class BrowserPortal : PortalFactory
{
    public BrowserPortal(PostgresServer postgres)
        : base(postgres) => UseKestrel(0);

    /// <summary>Starts the server if need be, and tells where it listens.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:SubmissionsPerWindow", "1000");
        builder.UseSetting("Feedback:LookupsPerWindow", "1000");
    }
}
