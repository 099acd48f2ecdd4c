using DanTienPortal.Web.Data.LocalCluster;
using DanTienPortal.Web.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DanTienPortal.Web.Data;

/// <summary>
/// Where the database is: the configured <c>ConnectionStrings:Portal</c>, or else a private
/// cluster under the data folder that this object starts and, when the app stops, stops again.
/// </summary>
public sealed class PortalDatabase : IDisposable
{
    public const string DatabaseName = "portal";

    private readonly PostgresCluster? _localCluster;

    public PortalDatabase(
        IConfiguration configuration,
        IOptions<PortalOptions> portal,
        IOptions<DatabaseOptions> options,
        ILogger<PortalDatabase> logger)
    {
        var configured = configuration.GetConnectionString("Portal");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        var folder = Path.Combine(portal.Value.DataPath, "postgres");
        logger.LogInformation("No ConnectionStrings:Portal configured; starting the local PostgreSQL cluster in {Folder}", folder);
        _localCluster = PostgresCluster.Start(folder, binDirectory: options.Value.PostgresBinPath);
        _localCluster.EnsureDatabase(DatabaseName);
        ConnectionString = _localCluster.ConnectionString(DatabaseName);
        logger.LogInformation("Local PostgreSQL cluster listening on 127.0.0.1:{Port}", _localCluster.Port);
    }

    public string ConnectionString { get; }

    public bool IsLocalCluster => _localCluster is not null;

    /// <summary>
    /// The pool every query of the app goes through, with two defaults a connection string can
    /// override: connections are not reset when they return to the pool (the app never leaves
    /// session state on a pooled connection: its locks are transaction locks, and LISTEN has a
    /// connection of its own), which saves a round trip each time one is handed back; and
    /// statements run repeatedly are prepared once per connection, which spares PostgreSQL
    /// parsing and planning the same inserts and updates at every submission.
    /// </summary>
    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(WithPoolDefaults(ConnectionString));

    internal static string WithPoolDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    public void Dispose() => _localCluster?.Stop();
}
