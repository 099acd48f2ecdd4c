using DanTienPortal.Web.Data;
using Npgsql;

namespace DanTienPortal.Web.News;

/// <summary>
/// Waits on a connection of its own for the <see cref="Channel"/> notification, which PostgreSQL
/// delivers when a transaction that changed <c>news_posts</c> commits (a trigger sends it, so every
/// writer does), and wakes this node's <see cref="NewsPublisher"/>: a post saved on one node shows
/// on the others within moments, not at their next poll.
/// </summary>
/// <remarks>
/// A notification reaches only the connections listening when it is sent. After the connection is
/// lost (the database restarted, the network dropped) the listener connects again, waiting 1 s,
/// then twice as long each time up to 15 s, and wakes the publisher once it listens again, for
/// what changed meanwhile. Npgsql's keepalive pings a silent connection, so that one the network
/// dropped without a word is noticed too. As the node's one connection that is always open, it is
/// also the first to notice a restart: it then empties the node's connection pool.
/// </remarks>
internal sealed class NewsChangeListener(
    PortalDatabase database, NpgsqlDataSource pool, NewsChangeSignal signal, ILogger<NewsChangeListener> logger) : BackgroundService
{
    /// <summary>The channel the <c>news_posts_notify</c> trigger (migration NewsChangeNotifications) notifies.</summary>
    public const string Channel = "news_changed";

    private const int KeepAliveSeconds = 30;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not from the pool: the connection is held for as long as the node runs, and LISTEN belongs to it.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = KeepAliveSeconds }.ConnectionString;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            var listening = false;
            try
            {
                await using var connection = await OpenListeningAsync(connectionString, stoppingToken);
                listening = true;
                retry = FirstRetry;
                logger.LogInformation("Listening for news changes on channel {Channel}", Channel);
                // Whatever changed before this moment was announced to no one here.
                signal.Raise();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (listening)
                {
                    // What cut this connection (most often a database restart) has cut the pooled
                    // ones too, and Npgsql learns that only when a request uses one and fails:
                    // have the pool open fresh connections instead.
                    pool.Clear();
                }

                logger.LogWarning(e, "Not listening for news changes; connecting again in {Seconds} s (until then other nodes' news shows at the next poll)", retry.TotalSeconds);
            }

            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
        }
    }

    private async Task<NpgsqlConnection> OpenListeningAsync(string connectionString, CancellationToken stoppingToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Notification += (_, _) => signal.Raise();
            await connection.OpenAsync(stoppingToken);
            await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
            await listen.ExecuteNonQueryAsync(stoppingToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
