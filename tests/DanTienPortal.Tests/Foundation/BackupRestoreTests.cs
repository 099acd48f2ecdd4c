using System.Net;
using DanTienPortal.Tests.Feedback;
using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Tests.News;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Data.LocalCluster;
using DanTienPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanTienPortal.Tests.Foundation;

/// <summary>
/// The backup and restore of README's production section, run with the machine's PostgreSQL
/// programs exactly as written there: a dump of the portal's database, restored into a new
/// database, serves a portal node with the same cases and news.
/// </summary>
public sealed class BackupRestoreTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Title = "Ra quân làm đường giao thông nông thôn";

    [Fact]
    public async Task A_dump_restored_into_a_new_database_serves_the_same_cases_and_news()
    {
        using var citizen = new FeedbackClient(portal);
        var receipt = await citizen.SubmitValidAsync();
        var editor = new NewsDesk(await StaffSession.SignInAsync(portal, StaffRoles.Editor));
        var edit = await editor.OpenAsync(await editor.CreateAsync(Title, command: "publish"));
        var url = "/tin-tuc/" + edit.QuerySelector("#slug")!.GetAttribute("value");

        var folder = TestFolders.Create("backup");
        var restored = portal.Postgres.Cluster.ConnectionString($"r_{Guid.NewGuid():N}");
        try
        {
            var dump = Path.Combine(folder, "portal.dump");
            var tools = new PostgresTools(portal.ConnectionString, folder);
            tools.Run("pg_dump", "--format=custom", "--no-unlogged-table-data", $"--file={dump}", $"--dbname={DatabaseOf(portal.ConnectionString)}");
            tools.Run("createdb", $"--owner={PostgresCluster.SuperUser}", DatabaseOf(restored));
            tools.Run("pg_restore", "--no-owner", "--exit-on-error", $"--dbname={DatabaseOf(restored)}", dump);

            // The rate-limit counts (pseudonyms of client addresses, minutes old) stay out of backups;
            // the migration history comes along, so `migrate` has nothing to do.
            Assert.NotEqual(0, await RateLimitCountsAsync(portal.ConnectionString));
            Assert.Equal(0, await RateLimitCountsAsync(restored));
            await using (var db = new PortalDbContext(PortalDbContext.OptionsFor(restored)))
            {
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            }

            await using var node = new WebApplicationFactory<Program>().WithWebHostBuilder(b => PortalFactory.Configure(b, restored, folder));

            using var tracker = new FeedbackClient(node);
            using var found = await tracker.LookupAsync(receipt.Code, FeedbackClient.Phone);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            var page = await Html.ParseAsync(found);
            Assert.Equal($"Phản ánh {receipt.Code}", page.QuerySelector("h1")?.TextContent.Trim());
            Assert.Contains(FeedbackClient.ValidFields()["Form.Title"], page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

            var reader = new PublicNews(node.CreateClient());
            Assert.True(await reader.OnListAsync(url), $"{url} is not on /tin-tuc of the restored node");
            Assert.True(await reader.FoundWithinSecondsAsync("ra quan lam duong giao thong", url, expected: true), "search on the restored node does not find the post");
        }
        finally
        {
            await portal.Postgres.DropDatabaseAsync(restored);
            TestFolders.Delete(folder);
        }
    }

    private static async Task<long> RateLimitCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM rate_limit_windows", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    /// <summary>
    /// PostgreSQL's client programs from the folder the local cluster uses, run against the server
    /// of <c>connectionString</c> named in the PG* environment variables, as the README's commands
    /// expect; as root, as the <c>postgres</c> user like the cluster itself, which then owns <c>folder</c>.
    /// </summary>
    private sealed class PostgresTools
    {
        private readonly PostgresBinaries _binaries = PostgresBinaries.Locate();
        private readonly string? _runAs = UnixUser.IsRoot ? "postgres" : null;
        private readonly Dictionary<string, string> _environment;

        public PostgresTools(string connectionString, string folder)
        {
            var server = new NpgsqlConnectionStringBuilder(connectionString);
            _environment = new Dictionary<string, string>
            {
                ["PGHOST"] = server.Host!,
                ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = server.Username!,
                ["PGPASSWORD"] = server.Password!,
            };
            if (_runAs is not null)
            {
                ProcessRunner.Run("chown", [_runAs, folder]);
            }
        }

        public void Run(string program, params string[] arguments) =>
            ProcessRunner.Run(Path.Combine(_binaries.Directory, program), arguments, asUser: _runAs, environment: _environment);
    }
}
