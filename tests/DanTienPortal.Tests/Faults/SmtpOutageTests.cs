using System.Diagnostics;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Mail;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// The mail server down while citizens send the form: every submission is still acknowledged,
/// and each of its e-mails waits in the outbox and goes out exactly once when the server returns.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class SmtpOutageTests(PostgresServer postgres)
{
    private const int Citizens = 4;
    private const int Submissions = 24;

    [Fact]
    public async Task Mail_of_submissions_made_while_the_smtp_server_is_down_is_delivered_once_each_when_it_returns()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var dataPath = TestFolders.Create("fault-smtp");
        try
        {
            await using var smtp = await SmtpListener.StartAsync();
            await smtp.StopAsync();
            await using var portal = PortalProcess.Start(FaultPortal.Settings(connectionString, dataPath, smtp));
            await portal.WaitUntilHealthyAsync(FaultPortal.StartTimeout);
            var clock = Stopwatch.StartNew();

            await using (var load = CitizenLoad.Start(portal.Address, Citizens))
            {
                await load.WaitForAcknowledgedAsync(Submissions, TimeSpan.FromSeconds(60));
                await load.StopAsync();
                FaultPortal.Report($"{Citizens} citizens with the SMTP server down: {load.Summary()}");
                Assert.Equal(load.Attempts.Count, load.Count(LoadOutcome.Acknowledged));

                var audit = await StoredCases.AuditAsync(connectionString, load.Acknowledged);
                Assert.Empty(audit.Problems);
            }

            // Each message has been tried against the dead server and is waiting for its next attempt.
            var waiting = await OutboxAfterAttemptsAsync(connectionString);
            var outage = clock.Elapsed;
            Assert.All(waiting, m => Assert.StartsWith("SocketException", m.LastError, StringComparison.Ordinal));
            Assert.Empty(smtp.Messages);

            await smtp.StartAgainAsync();
            var mail = await DeliveredMail.WaitForAllAsync(connectionString, smtp, TimeSpan.FromSeconds(60));
            var deliveredAfter = clock.Elapsed - outage;

            FaultPortal.Report($"SMTP down for {outage.TotalSeconds:F1} s: {waiting.Count} messages waiting, {waiting.Sum(m => m.Attempts)} failed attempts (at most {waiting.Max(m => m.Attempts)} for one message)");
            FaultPortal.Report($"SMTP back: all delivered {deliveredAfter.TotalSeconds:F1} s later; {smtp.Messages.Count} received, {mail.Duplicated.Count()} sent twice");

            Assert.Equal(waiting.Count, mail.CopiesByMessage.Count);
            Assert.Empty(mail.Lost);
            Assert.Empty(mail.Duplicated);
            Assert.Equal(0, mail.Strangers);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
            TestFolders.Delete(dataPath);
        }
    }

    /// <summary>The outbox once every message in it has failed at least once (none can have been sent).</summary>
    private static async Task<List<OutboxMessage>> OutboxAfterAttemptsAsync(string connectionString)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var rows = await DeliveredMail.RowsAsync(connectionString);
            Assert.All(rows, m => Assert.Null(m.SentAt));
            if (rows.All(m => m.Attempts > 0))
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{rows.Count(m => m.Attempts == 0)} messages not yet tried within 30 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
