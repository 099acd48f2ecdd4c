using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Faults;

/// <summary>The outbox against what the SMTP server received: how many copies of each message arrived.</summary>
public sealed record MailCount(IReadOnlyDictionary<long, int> CopiesByMessage, int Strangers)
{
    public IEnumerable<long> Lost => CopiesByMessage.Where(kv => kv.Value == 0).Select(kv => kv.Key);

    public IEnumerable<long> Duplicated => CopiesByMessage.Where(kv => kv.Value > 1).Select(kv => kv.Key);
}

/// <summary>Matches what an SMTP listener received to the outbox rows, by the Message-ID each row fixes.</summary>
public static class DeliveredMail
{
    /// <summary>
    /// Waits until every outbox row is recorded as sent and a copy of each has arrived, then a
    /// little longer, so that a copy sent twice has time to land too, and counts the copies.
    /// </summary>
    public static async Task<MailCount> WaitForAllAsync(string connectionString, SmtpListener smtp, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync(connectionString);
            var count = Count(rows, smtp);
            if (!count.Lost.Any() && rows.All(m => m.SentAt is not null))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
                return Count(await RowsAsync(connectionString), smtp);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{count.Lost.Count()} of {count.CopiesByMessage.Count} outbox messages not delivered within {timeout}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The outbox as it stands.</summary>
    public static async Task<List<OutboxMessage>> RowsAsync(string connectionString)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static MailCount Count(List<OutboxMessage> rows, SmtpListener smtp)
    {
        var sender = new MailOptions { From = SmtpListener.Sender };
        var received = smtp.Messages.GroupBy(m => m.MessageId ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var copies = rows.ToDictionary(row => row.Id, row => received.GetValueOrDefault(Outbox.Compose(row, sender).MessageId ?? ""));
        return new MailCount(copies, smtp.Messages.Count - copies.Values.Sum());
    }
}
