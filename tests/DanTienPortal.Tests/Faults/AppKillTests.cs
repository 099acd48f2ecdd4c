using System.Diagnostics;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// The app killed outright (SIGKILL: no shutdown code runs) while citizens send the form and the
/// mail worker is sending, then started again on the same database, as a service manager does.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class AppKillTests(PostgresServer postgres)
{
    private const int Citizens = 4;

    [Fact]
    public async Task After_a_sigkill_under_load_every_acknowledged_case_is_whole_and_its_mail_arrives_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var dataPath = TestFolders.Create("fault-kill");
        try
        {
            await using var smtp = await SmtpListener.StartAsync();
            await using var first = PortalProcess.Start(FaultPortal.Settings(connectionString, dataPath, smtp));
            await first.WaitUntilHealthyAsync(FaultPortal.StartTimeout);
            await using var load = CitizenLoad.Start(first.Address, Citizens);
            var clock = Stopwatch.StartNew();

            // Killed in full flow: cases being stored and e-mails being sent.
            await load.WaitForAcknowledgedAsync(20, TimeSpan.FromSeconds(60));
            await smtp.WaitForAsync(3, TimeSpan.FromSeconds(30));
            await first.KillAsync();
            var killedAt = clock.Elapsed;
            var killedAtTime = DateTimeOffset.UtcNow;
            var acknowledgedBeforeKill = load.Count(LoadOutcome.Acknowledged);
            var receivedAtKill = smtp.Messages.Count;
            var unsentAtKill = (await DeliveredMail.RowsAsync(connectionString)).Where(m => m.SentAt is null).Select(m => m.Id).ToArray();

            // The citizens keep reloading; the restarted app answers them where the first left off.
            await using var second = first.StartAgain();
            await second.WaitUntilHealthyAsync(FaultPortal.StartTimeout);
            var healthyAfter = clock.Elapsed - killedAt;
            await load.WaitForAcknowledgedAsync(acknowledgedBeforeKill + 5, TimeSpan.FromSeconds(60));
            await load.StopAsync();

            var audit = await StoredCases.AuditAsync(connectionString, load.Acknowledged);
            var mail = await DeliveredMail.WaitForAllAsync(connectionString, smtp, TimeSpan.FromSeconds(60));
            var deliveredAfter = clock.Elapsed - killedAt;

            FaultPortal.Report($"{Citizens} citizens; killed (SIGKILL) {killedAt.TotalSeconds:F1} s into the load, after {acknowledgedBeforeKill} acknowledged submissions");
            FaultPortal.Report($"outbox at the kill: {unsentAtKill.Length} messages unsent; SMTP had received {receivedAtKill}");
            FaultPortal.Report($"restarted app healthy {healthyAfter.TotalSeconds:F1} s after the kill; all mail delivered {deliveredAfter.TotalSeconds:F1} s after the kill");
            FaultPortal.Report($"answers: {load.Summary()}");
            FaultPortal.Report($"database: {audit.Cases} cases ({audit.NeverAcknowledged} stored but never acknowledged), {audit.OutboxMessages} outbox messages");
            FaultPortal.Report($"forms the killed app had stored, acknowledged with their code when the citizen reloaded: {load.Acknowledged.Count(a => a.At > killedAtTime && audit.SubmittedAt.TryGetValue(a.Code, out var at) && at < killedAtTime)}");
            FaultPortal.Report($"SMTP: {smtp.Messages.Count} received, {mail.Duplicated.Count()} sent twice (ids {string.Join(", ", mail.Duplicated)})");

            Assert.Empty(load.Attempts.Where(a => a.Outcome == LoadOutcome.Unexpected).Select(a => a.Detail));
            Assert.Empty(audit.Problems);
            Assert.Empty(mail.Lost);
            Assert.Equal(0, mail.Strangers);
            // One worker sends one message at a time: only a message the server had taken when the
            // kill came, before the send was recorded, may go out again (with the same Message-ID).
            Assert.True(mail.Duplicated.Count() <= 1, $"messages sent more than once: {string.Join(", ", mail.Duplicated)}");
            Assert.Subset(unsentAtKill.ToHashSet(), mail.Duplicated.ToHashSet());
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
            TestFolders.Delete(dataPath);
        }
    }
}
