using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanTienPortal.Tests.Foundation;

public sealed class PooledContextTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const int Rentals = 20;

    [Fact]
    public async Task A_context_rented_again_has_savepoints_off_and_nothing_tracked_whatever_its_last_user_did()
    {
        var used = new HashSet<PortalDbContext>(ReferenceEqualityComparer.Instance);
        var scopes = Enumerable.Range(0, Rentals).Select(_ => portal.Services.CreateAsyncScope()).ToList();
        foreach (var scope in scopes)
        {
            var context = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            context.Database.AutoSavepointsEnabled = true;
            context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            context.Outbox.Add(Mail.OutboxRows.Receipt(DateTimeOffset.UtcNow));
            used.Add(context);
        }

        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        var rentedAgain = 0;
        for (var i = 0; i < Rentals; i++)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            rentedAgain += used.Contains(context) ? 1 : 0;
            Assert.False(context.Database.AutoSavepointsEnabled);
            Assert.Equal(QueryTrackingBehavior.TrackAll, context.ChangeTracker.QueryTrackingBehavior);
            Assert.Empty(context.ChangeTracker.Entries());
        }

        // Contexts from the pool were among them: otherwise this test proves nothing.
        Assert.True(rentedAgain > 0);
    }
}
