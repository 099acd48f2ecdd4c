using System.Net;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Data.LocalCluster;
using Microsoft.EntityFrameworkCore;

namespace DanTienPortal.Tests.Foundation;

/// <summary>The built app as a process of its own: the local default and the migrate command.</summary>
public sealed class RunCommandTests(PostgresServer postgres)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Without_a_connection_string_the_app_runs_its_own_cluster_and_stops_it_on_exit()
    {
        var dataPath = TestFolders.Create("local-default");
        try
        {
            var settings = new Dictionary<string, string> { ["Portal__DataPath"] = dataPath };
            var clusterFolder = Path.Combine(dataPath, "postgres");

            await using (var first = PortalProcess.Start(settings))
            {
                await first.WaitUntilHealthyAsync(StartTimeout);
                using var client = new HttpClient();
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(first.Address, TestContext.Current.CancellationToken)).StatusCode);
                Assert.True(File.Exists(Path.Combine(clusterFolder, "PG_VERSION")));
                Assert.True(File.Exists(Path.Combine(clusterFolder, "postmaster.pid")), "the cluster should be running");

                // The first start prints the first administrator's generated password, once.
                var password = System.Text.RegularExpressions.Regex.Match(first.Output, @"Mật khẩu: ([A-Za-z0-9]{20})").Groups[1].Value;
                Assert.True(password.Length == 20, first.Output);
                using var signIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = first.Address };
                using var signedIn = await StaffSession.SubmitLoginAsync(signIn, Web.Staff.StaffSetup.LocalAdminEmail, password);
                Assert.Equal("/can-bo", signedIn.Headers.Location?.ToString());

                Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
                Assert.False(File.Exists(Path.Combine(clusterFolder, "postmaster.pid")), "the cluster should have been stopped:\n" + first.Output);
            }

            // A second run finds the same cluster and the data the first one left (its key ring).
            await using (var second = PortalProcess.Start(settings))
            {
                await second.WaitUntilHealthyAsync(StartTimeout);
                using var cluster = PostgresCluster.Start(clusterFolder);
                await using var db = new PortalDbContext(PortalDbContext.OptionsFor(cluster.ConnectionString(PortalDatabase.DatabaseName, pooling: false)));
                Assert.Equal(1, await db.DataProtectionKeys.CountAsync(TestContext.Current.CancellationToken));
                Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));
                Assert.DoesNotContain("Mật khẩu:", second.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            TestFolders.Delete(dataPath);
        }
    }

    [Fact]
    public async Task The_migrate_command_brings_an_empty_database_to_the_current_schema_and_exits()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        var dataPath = TestFolders.Create("migrate");
        try
        {
            await using var migrate = PortalProcess.Start(
                new Dictionary<string, string> { ["ConnectionStrings__Portal"] = connectionString, ["Portal__DataPath"] = dataPath },
                "migrate");
            Assert.Equal(0, await migrate.WaitForExitAsync(StartTimeout));
            Assert.False(Directory.Exists(Path.Combine(dataPath, "postgres")), "a configured database must not start the local cluster");

            await using var db = new PortalDbContext(PortalDbContext.OptionsFor(connectionString));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await db.DataProtectionKeys.CountAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
            TestFolders.Delete(dataPath);
        }
    }
}
