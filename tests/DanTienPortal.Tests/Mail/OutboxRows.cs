using DanTienPortal.Web.Data;
using DanTienPortal.Web.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DanTienPortal.Tests.Mail;

/// <summary>Reads and writes outbox rows straight in the database, as the feedback code and an operator would see them.</summary>
internal static class OutboxRows
{
    public static OutboxMessage Receipt(DateTimeOffset now, string subject = "Đã tiếp nhận phản ánh PAKN-2026-000001") =>
        Outbox.Message(
            "nguyen.van.an@example.test",
            "Nguyễn Văn An",
            subject,
            "Kính gửi ông Nguyễn Văn An,\nỦy ban nhân dân xã Dân Tiến đã tiếp nhận phản ánh của ông về đường liên thôn Đồng Cả.",
            "citizen-receipt",
            caseId: null,
            now);

    /// <summary>The plain-text body as written, without the line ending a transport may add at its end.</summary>
    public static string? TextOf(MimeMessage message) => message.TextBody?.ReplaceLineEndings("\n").TrimEnd('\n');

    public static async Task AddAsync(string connectionString, params OutboxMessage[] messages)
    {
        await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Polls the row until <paramref name="condition"/> holds, and returns it.</summary>
    public static async Task<OutboxMessage> WaitUntilAsync(string connectionString, long id, Func<OutboxMessage, bool> condition) =>
        Assert.Single(await WaitUntilAsync(connectionString, [id], condition));

    /// <summary>Polls the rows until <paramref name="condition"/> holds for each, and returns them.</summary>
    public static async Task<List<OutboxMessage>> WaitUntilAsync(string connectionString, long[] ids, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using (var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString)))
            {
                var rows = await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(TestContext.Current.CancellationToken);
                var behind = rows.FirstOrDefault(m => !condition(m));
                if (rows.Count == ids.Length && behind is null)
                {
                    return rows;
                }

                Assert.True(
                    DateTime.UtcNow < deadline,
                    $"Outbox row {behind?.Id} did not reach the expected state: attempts {behind?.Attempts}, sent {behind?.SentAt}, error {behind?.LastError}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
