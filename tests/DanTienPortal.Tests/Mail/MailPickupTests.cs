using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DanTienPortal.Tests.Mail;

/// <summary>The local default, with no SMTP server configured, and the "mail" health check.</summary>
public sealed class MailPickupTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_an_smtp_host_each_message_is_written_as_an_eml_file_under_the_data_folder()
    {
        var signal = portal.Services.GetRequiredService<OutboxSignal>();
        var message = OutboxRows.Receipt(DateTimeOffset.UtcNow);

        await OutboxRows.AddAsync(portal.ConnectionString, message);
        signal.Wake();

        var row = await OutboxRows.WaitUntilAsync(portal.ConnectionString, message.Id, m => m.SentAt is not null);
        var folder = Path.Combine(portal.DataPath, "mail");
        Assert.Equal([$"{message.Id}.eml"], Directory.GetFiles(folder).Select(Path.GetFileName));
        var written = await MimeMessage.LoadAsync(Path.Combine(folder, $"{message.Id}.eml"), TestContext.Current.CancellationToken);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(written.From));
        Assert.Equal(("UBND xã Dân Tiến", MailOptions.LocalFrom), (from.Name, from.Address));
        Assert.Equal("nguyen.van.an@example.test", Assert.IsType<MailboxAddress>(Assert.Single(written.To)).Address);
        Assert.Equal(message.Subject, written.Subject);
        Assert.Equal(message.TextBody, OutboxRows.TextOf(written));
        Assert.Equal($"outbox-{message.Id}.{row.CreatedAt.UtcTicks}@dantien.invalid", written.MessageId);
    }

    [Fact]
    public async Task Health_turns_degraded_while_a_message_has_waited_over_15_minutes_and_healthy_once_it_is_sent()
    {
        using var client = portal.CreateClient();
        var healthz = new Uri("/healthz", UriKind.Relative);
        var now = DateTimeOffset.UtcNow;
        var stuck = OutboxRows.Receipt(now - TimeSpan.FromMinutes(20));
        stuck.NextAttemptAt = now.AddDays(1);
        await OutboxRows.AddAsync(portal.ConnectionString, stuck);

        using (var degraded = await client.GetAsync(healthz, TestContext.Current.CancellationToken))
        {
            degraded.EnsureSuccessStatusCode();
            Assert.Equal("Degraded", await degraded.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        await using (var db = new PortalDbContext(PortalDbContext.OptionsFor(portal.ConnectionString)))
        {
            await db.Outbox.Where(m => m.Id == stuck.Id)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, now), TestContext.Current.CancellationToken);
        }

        Assert.Equal("Healthy", await client.GetStringAsync(healthz, TestContext.Current.CancellationToken));
    }
}
