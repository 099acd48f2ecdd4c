using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Foundation;

public sealed class DatabaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_app_stores_its_key_ring_in_postgres_and_a_second_node_reads_it_back()
    {
        // Starting the app makes it create a Data Protection key and save it through EF.
        using var client = portal.CreateClient();
        (await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await using (var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString)))
        {
            var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            var key = Assert.Single(keys);
            Assert.Contains("<key", key.Xml, StringComparison.Ordinal);
        }

        // Another node on the same database loads that key through EF and can read what the first protected.
        var secret = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("Dân Tiến");
        await using var second = portal.SecondNode();
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);
        Assert.Equal("Dân Tiến", unprotected);
    }

    [Fact]
    public async Task The_schema_in_postgres_matches_the_model_with_no_pending_migration()
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: run 'dotnet ef migrations add'.");
    }
}
