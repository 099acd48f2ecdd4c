using System.Diagnostics;
using System.Net;
using DanTienPortal.Tests.Infrastructure;

namespace DanTienPortal.Tests.Faults;

/// <summary>
/// PostgreSQL stopped and started again while citizens send the form: the app says it is
/// unhealthy, hands every form back intact with a 503 while the database is away, and takes
/// submissions again as soon as it returns, without a restart of its own.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DatabaseRestartTests
{
    private const int Citizens = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    /// <summary>Public pages that read the database but promise to stay readable without it.</summary>
    private static readonly string[] PagesWithoutTheDatabase = ["/co-quan/phong-kinh-te", "/ke-hoach/cai-cach-hanh-chinh-2026/nhiem-vu"];

    [Fact]
    public async Task A_postgres_restart_under_load_costs_503s_with_the_form_kept_and_loses_no_acknowledged_case()
    {
        // A server of its own, so that stopping it harms no other test.
        var folder = TestFolders.Create("fault-db");
        using var cluster = PostgresServer.StartCluster(folder);
        try
        {
            cluster.EnsureDatabase("portal");
            var connectionString = cluster.ConnectionString("portal");
            await using var smtp = await SmtpListener.StartAsync();
            var settings = FaultPortal.Settings(connectionString, folder, smtp);
            settings["Database__MigrateOnStart"] = "true";
            await using var portal = PortalProcess.Start(settings);
            await portal.WaitUntilHealthyAsync(FaultPortal.StartTimeout);
            using var health = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(10) };

            await using var load = CitizenLoad.Start(portal.Address, Citizens);
            await load.WaitForAcknowledgedAsync(10, TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            cluster.Stop();
            var acknowledgedBefore = load.Count(LoadOutcome.Acknowledged);

            var duringOutage = new List<HttpStatusCode>();
            var pagesDuringOutage = new List<string>();
            while (clock.Elapsed < Outage)
            {
                duringOutage.Add(await StatusAsync(health, "/healthz"));
                foreach (var page in PagesWithoutTheDatabase)
                {
                    pagesDuringOutage.Add($"{page} {(int)await StatusAsync(health, page)}");
                }

                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            cluster.Restart();
            var restartedAt = clock.Elapsed;
            var restartedAtTime = DateTimeOffset.UtcNow;
            while (await StatusAsync(health, "/healthz") != HttpStatusCode.OK)
            {
                Assert.True(clock.Elapsed < restartedAt + TimeSpan.FromSeconds(20), "/healthz should answer 200 within 20 s of PostgreSQL's return");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var healthyAfter = clock.Elapsed - restartedAt;
            await load.WaitForAcknowledgedAsync(acknowledgedBefore + 10, TimeSpan.FromSeconds(60));
            await load.StopAsync();
            var firstAcknowledgedAfter = load.Acknowledged.Where(a => a.At > restartedAtTime).Min(a => a.At) - restartedAtTime;

            var audit = await StoredCases.AuditAsync(connectionString, load.Acknowledged);
            FaultPortal.Report($"{Citizens} citizens; PostgreSQL stopped after {acknowledgedBefore} acknowledged submissions, for {restartedAt.TotalSeconds:F1} s (its stop included)");
            FaultPortal.Report($"/healthz during the outage: {string.Join(" ", duringOutage.Select(s => (int)s))}");
            FaultPortal.Report($"after PostgreSQL's restart: /healthz 200 after {healthyAfter.TotalMilliseconds:F0} ms, first submission acknowledged after {firstAcknowledgedAfter.TotalMilliseconds:F0} ms");
            FaultPortal.Report($"answers: {load.Summary()}");
            FaultPortal.Report($"database: {audit.Cases} cases ({audit.NeverAcknowledged} stored but never acknowledged)");

            Assert.All(duringOutage, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
            Assert.All(pagesDuringOutage, page => Assert.EndsWith(" 200", page, StringComparison.Ordinal));
            Assert.Empty(load.Attempts.Where(a => a.Outcome is LoadOutcome.Unexpected or LoadOutcome.NoAnswer).Select(a => a.Detail));
            Assert.NotEqual(0, load.Count(LoadOutcome.RefusedWithFormKept));
            Assert.Empty(audit.Problems);
        }
        finally
        {
            cluster.Stop();
            TestFolders.Delete(folder);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
