using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanTienPortal.Tests.Infrastructure;

/// <summary>
/// The portal in-process, against a database of its own cloned from the migrated template:
/// one per test class, so classes run in parallel without seeing each other's rows.
/// </summary>
public class PortalFactory(PostgresServer postgres) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataPath = TestFolders.Create("data");

    public string ConnectionString { get; private set; } = "";

    public PostgresServer Postgres => postgres;

    /// <summary>The app's <c>Portal:DataPath</c>, a temporary folder of its own.</summary>
    public string DataPath => _dataPath;

    public async ValueTask InitializeAsync() => ConnectionString = await postgres.CreateDatabaseAsync();

    /// <summary>A second app node on the same database, as behind a load balancer.</summary>
    public WebApplicationFactory<Program> SecondNode() => new NodeFactory(ConnectionString, _dataPath);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, ConnectionString, _dataPath);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await postgres.DropDatabaseAsync(ConnectionString);
        TestFolders.Delete(_dataPath);
        GC.SuppressFinalize(this);
    }

    internal static void Configure(IWebHostBuilder builder, string connectionString, string dataPath)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "false");
        builder.UseSetting("Portal:DataPath", dataPath);
        // The retention and digest timers run on the real clock; tests that need them run one pass themselves.
        builder.UseSetting("Feedback:RunJobs", "false");
        // Hundreds of test hosts share one console: only warnings and errors there, so that a failure stays readable.
        // Log levels of other providers (the tests' own LogCapture) are untouched.
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
    }

    private sealed class NodeFactory(string connectionString, string dataPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, connectionString, dataPath);
    }
}
