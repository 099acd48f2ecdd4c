namespace DanTienPortal.Web.Data;

/// <summary>Settings under <c>Database</c>; the connection string itself is <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Apply pending migrations when the app starts. Unset means: yes for the local cluster,
    /// no for a configured database (run the <c>migrate</c> command there instead).
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Folder of PostgreSQL's server programs for the local cluster; found by itself when unset.</summary>
    public string? PostgresBinPath { get; set; }
}
