using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace DanTienPortal.Web.Data.LocalCluster;

/// <summary>
/// A private PostgreSQL cluster in a folder of our own, listening only on 127.0.0.1: the local
/// default of the run command, and the throwaway database server of the tests.
/// </summary>
/// <remarks>
/// The cluster outlives a crashed app (pg_ctl detaches the server), so <see cref="Start"/> adopts
/// a server that is still running in the folder instead of starting a second one.
/// </remarks>
public sealed class PostgresCluster : IDisposable
{
    public const string SuperUser = "portal";
    private const string ServiceUser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly string? _runAs;
    private bool _stopped;

    private PostgresCluster(PostgresBinaries binaries, string dataDirectory, int port, string password)
    {
        _binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
        Password = password;
        _runAs = UnixUser.IsRoot ? ServiceUser : null;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string Password { get; }

    public bool IsRunning => !_stopped && Status(_binaries, DataDirectory, _runAs);

    /// <summary>
    /// Creates the cluster when the folder holds none, then starts it (or adopts the running one).
    /// </summary>
    /// <param name="settings">postgresql.conf lines written when the cluster is created.</param>
    public static PostgresCluster Start(
        string dataDirectory,
        IReadOnlyDictionary<string, string>? settings = null,
        string? binDirectory = null)
    {
        var binaries = PostgresBinaries.Locate(binDirectory);
        var runAs = UnixUser.IsRoot ? ServiceUser : null;
        dataDirectory = Path.GetFullPath(dataDirectory);
        var passwordFile = dataDirectory.TrimEnd('/') + ".password";

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            Initialise(binaries, dataDirectory, passwordFile, settings ?? new Dictionary<string, string>(), runAs);
        }

        var password = File.ReadAllText(passwordFile).Trim();
        if (Status(binaries, dataDirectory, runAs) && ReadRunningPort(dataDirectory) is { } runningPort)
        {
            return new PostgresCluster(binaries, dataDirectory, runningPort, password);
        }

        var port = FreeLoopbackPort();
        StartServer(binaries, dataDirectory, port, runAs);
        return new PostgresCluster(binaries, dataDirectory, port, password);
    }

    public string ConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
        Pooling = pooling,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists.</summary>
    public void EnsureDatabase(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            create.ExecuteNonQuery();
        }
    }

    /// <summary>Stops the server, letting it finish what it is doing.</summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        if (Status(_binaries, DataDirectory, _runAs))
        {
            ProcessRunner.Run(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], asUser: _runAs);
        }
    }

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port.</summary>
    public void Restart()
    {
        StartServer(_binaries, DataDirectory, Port, _runAs);
        _stopped = false;
    }

    public void Dispose() => Stop();

    private static void Initialise(
        PostgresBinaries binaries, string dataDirectory, string passwordFile,
        IReadOnlyDictionary<string, string> settings, string? runAs)
    {
        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(passwordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // initdb reads the password from a file that the server's user must be able to read.
        var initPasswordFile = Path.Combine(dataDirectory, "..", $".initdb-{Guid.NewGuid():N}");
        File.WriteAllText(initPasswordFile, password);
        try
        {
            if (runAs is not null)
            {
                ProcessRunner.Run("chown", [runAs, dataDirectory, initPasswordFile]);
                var probe = ProcessRunner.TryRun("test", ["-w", dataDirectory], asUser: runAs);
                if (probe.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"The '{runAs}' user cannot reach '{dataDirectory}': every folder above it must be open to other users (chmod o+x).");
                }
            }

            ProcessRunner.Run(binaries.InitDb,
                ["-D", dataDirectory, "-U", SuperUser, "--pwfile", initPasswordFile, "--auth=scram-sha-256",
                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"],
                asUser: runAs, timeout: TimeSpan.FromMinutes(3));
        }
        finally
        {
            File.Delete(initPasswordFile);
        }

        // Only loopback TCP: no Unix socket to collide with the machine's own server.
        var lines = new Dictionary<string, string>
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["unix_socket_directories"] = "''",
            ["max_connections"] = "200",
        };
        foreach (var (key, value) in settings)
        {
            lines[key] = value;
        }

        File.AppendAllLines(Path.Combine(dataDirectory, "postgresql.conf"),
            lines.Select(kv => $"{kv.Key} = {kv.Value}").Prepend("# Added by DanTienPortal's local cluster"));
    }

    private static void StartServer(PostgresBinaries binaries, string dataDirectory, int port, string? runAs) =>
        ProcessRunner.Run(binaries.PgCtl,
            ["start", "-D", dataDirectory, "-w", "-t", "120", "-l", Path.Combine(dataDirectory, "server.log"), "-o", $"-p {port}"],
            asUser: runAs, timeout: TimeSpan.FromMinutes(3));

    private static bool Status(PostgresBinaries binaries, string dataDirectory, string? runAs) =>
        ProcessRunner.TryRun(binaries.PgCtl, ["status", "-D", dataDirectory], asUser: runAs).ExitCode == 0;

    // postmaster.pid: pid, data directory, start time, port, ...
    private static int? ReadRunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
