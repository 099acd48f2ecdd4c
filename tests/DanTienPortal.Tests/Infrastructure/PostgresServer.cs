using DanTienPortal.Tests.Infrastructure;
using DanTienPortal.Web.Data;
using DanTienPortal.Web.Data.LocalCluster;
using Microsoft.EntityFrameworkCore;
using Npgsql;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace DanTienPortal.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run, in a temporary folder, with a
/// migrated template database that each test class clones into a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Template = "portal_template";

    // Durability buys nothing in a server that is deleted after the run.
    private static readonly Dictionary<string, string> FastSettings = new()
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
    };

    private readonly SemaphoreSlim _cloneLock = new(1, 1);

    public string Root { get; } = TestFolders.Create("postgres");

    public PostgresCluster Cluster { get; private set; } = null!;

    public static PostgresCluster StartCluster(string folder) =>
        PostgresCluster.Start(Path.Combine(folder, "pg"), FastSettings);

    public async ValueTask InitializeAsync()
    {
        Cluster = await Task.Run(() => StartCluster(Root));
        Cluster.EnsureDatabase(Template);
        await using (var db = new PortalDbContext(PortalDbContext.OptionsFor(Cluster.ConnectionString(Template, pooling: false))))
        {
            await db.Database.MigrateAsync();
        }
    }

    /// <summary>A new database with the current schema and nothing else.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await _cloneLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        }
        finally
        {
            _cloneLock.Release();
        }

        return Cluster.ConnectionString(name);
    }

    /// <summary>A new database with no schema at all.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"e_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        return Cluster.ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public ValueTask DisposeAsync()
    {
        Cluster?.Stop();
        TestFolders.Delete(Root);
        return ValueTask.CompletedTask;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
