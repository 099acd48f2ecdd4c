using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DanTienPortal.Tests.Mail;

/// <summary>The outbox worker against a real SMTP server on loopback and real PostgreSQL.</summary>
public sealed class MailDeliveryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_message_in_the_outbox_is_delivered_intact_and_marked_sent()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var app = portal.WithWebHostBuilder(smtp.Configure);
        var message = OutboxRows.Receipt(DateTimeOffset.UtcNow);

        await OutboxRows.AddAsync(portal.ConnectionString, message);
        app.Services.GetRequiredService<OutboxSignal>().Wake();

        var received = Assert.Single(await smtp.WaitForAsync(1, Timeout));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(received.To));
        Assert.Equal("nguyen.van.an@example.test", to.Address);
        Assert.Equal("Nguyễn Văn An", to.Name);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(received.From));
        Assert.Equal(("UBND xã Dân Tiến", "ubnd@dantien.test"), (from.Name, from.Address));
        Assert.Equal(message.Subject, received.Subject);
        Assert.Equal(message.TextBody, OutboxRows.TextOf(received));

        var row = await OutboxRows.WaitUntilAsync(portal.ConnectionString, message.Id, m => m.SentAt is not null);
        Assert.Equal($"outbox-{message.Id}.{row.CreatedAt.UtcTicks}@dantien.test", received.MessageId);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LockedUntil);
    }

    [Fact]
    public async Task A_server_down_for_hours_is_retried_with_capped_backoff_and_then_gets_the_message_once()
    {
        await using var smtp = await SmtpListener.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var app = portal.WithWebHostBuilder(builder =>
        {
            smtp.Configure(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        });
        var signal = app.Services.GetRequiredService<OutboxSignal>();
        await smtp.StopAsync();
        var message = OutboxRows.Receipt(time.GetUtcNow());
        await OutboxRows.AddAsync(portal.ConnectionString, message);

        // Default backoff: 30 s doubling at each failure, never more than 60 min; about three hours in all.
        TimeSpan[] waits = [.. new[] { 0.5, 1, 2, 4, 8, 16, 32, 60, 60 }.Select(TimeSpan.FromMinutes)];
        signal.Wake();
        for (var attempt = 1; ; attempt++)
        {
            var failed = await OutboxRows.WaitUntilAsync(portal.ConnectionString, message.Id, m => m.Attempts == attempt);
            Assert.Null(failed.SentAt);
            Assert.Null(failed.LockedUntil);
            Assert.StartsWith("SocketException", failed.LastError, StringComparison.Ordinal);
            Assert.Equal(time.GetUtcNow() + waits[attempt - 1], failed.NextAttemptAt);
            if (attempt == waits.Length)
            {
                break;
            }

            time.Advance(waits[attempt - 1]);
            signal.Wake();
        }

        Assert.Empty(smtp.Messages);
        await smtp.StartAgainAsync();
        time.Advance(waits[^1]);
        signal.Wake();

        var received = Assert.Single(await smtp.WaitForAsync(1, Timeout));
        Assert.Equal(message.TextBody, OutboxRows.TextOf(received));
        var sent = await OutboxRows.WaitUntilAsync(portal.ConnectionString, message.Id, m => m.SentAt is not null);
        Assert.Equal(time.GetUtcNow(), sent.SentAt);
        Assert.Equal(waits.Length, sent.Attempts);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Two_app_nodes_on_one_database_send_each_of_100_messages_exactly_once()
    {
        await using var smtp = await SmtpListener.StartAsync();
        void Configure(IWebHostBuilder builder)
        {
            smtp.Configure(builder);
            builder.UseSetting("Mail:BatchSize", "5");
        }

        await using var first = portal.WithWebHostBuilder(Configure);
        await using var secondNode = portal.SecondNode();
        await using var second = secondNode.WithWebHostBuilder(Configure);
        WebApplicationFactory<Program>[] nodes = [first, second];
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(1, 100).Select(i => OutboxRows.Receipt(now, $"Thông báo số {i}")).ToArray();

        await OutboxRows.AddAsync(portal.ConnectionString, messages);
        foreach (var node in nodes)
        {
            node.Services.GetRequiredService<OutboxSignal>().Wake();
        }

        await smtp.WaitForAsync(100, Timeout);
        var rows = await OutboxRows.WaitUntilAsync(portal.ConnectionString, [.. messages.Select(m => m.Id)], m => m.SentAt is not null);

        // Every row is recorded as sent, so a duplicate could only be one already on its way: give it time to land.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(100, smtp.Messages.Count);
        Assert.Equal(
            messages.Select(m => m.Subject).Order(StringComparer.Ordinal),
            smtp.Messages.Select(m => m.Subject).Order(StringComparer.Ordinal));
        // locked_by keeps the node that sent each message: both took part.
        Assert.Equal(2, rows.Select(m => m.LockedBy).Distinct().Count());
    }

    [Fact]
    public async Task The_worker_outlives_a_database_restart_and_sends_afterwards()
    {
        // A server of its own, so that stopping it harms no other test.
        var folder = TestFolders.Create("mail-db");
        using var cluster = PostgresServer.StartCluster(folder);
        try
        {
            cluster.EnsureDatabase("portal");
            var connectionString = cluster.ConnectionString("portal");
            var log = new LogCapture();
            await using var smtp = await SmtpListener.StartAsync();
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                PortalFactory.Configure(builder, connectionString, folder);
                builder.UseSetting("Database:MigrateOnStart", "true");
                smtp.Configure(builder);
                builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(log)));
            });
            var signal = app.Services.GetRequiredService<OutboxSignal>();

            cluster.Stop();
            var deadline = DateTime.UtcNow + Timeout;
            while (!log.Entries.Any(e => e.Category.EndsWith("MailWorker", StringComparison.Ordinal) && e.Level == LogLevel.Warning))
            {
                Assert.True(DateTime.UtcNow < deadline, "The worker should log that the outbox could not be read.");
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            cluster.Restart();
            var message = OutboxRows.Receipt(DateTimeOffset.UtcNow);
            await OutboxRows.AddAsync(connectionString, message);
            signal.Wake();

            Assert.Single(await smtp.WaitForAsync(1, Timeout));
            await OutboxRows.WaitUntilAsync(connectionString, message.Id, m => m.SentAt is not null);
        }
        finally
        {
            cluster.Stop();
            TestFolders.Delete(folder);
        }
    }
}
