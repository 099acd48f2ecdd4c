using DanTienPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Content;

/// <summary>
/// Holds the current <see cref="ContentSnapshot"/> and reloads it when files under the content
/// folder change, so that an edit shows without a restart. A reload that finds problems still
/// publishes every good file and logs each problem with its file and line.
/// </summary>
public sealed class ContentStore : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly ContentLoader _loader;
    private readonly ILogger<ContentStore> _logger;
    private readonly Timer _reloadTimer;
    private readonly Lock _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private ContentSnapshot _current;

    public ContentStore(ContentLoader loader, IOptions<PortalOptions> options, ILogger<ContentStore> logger)
    {
        _loader = loader;
        _logger = logger;
        Root = Path.GetFullPath(options.Value.ContentPath);
        _reloadTimer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _current = LoadAndReport();
    }

    /// <summary>Raised after a reload, with the new snapshot (search re-indexes from it).</summary>
    public event Action<ContentSnapshot>? Changed;

    public string Root { get; }

    public ContentSnapshot Current => Volatile.Read(ref _current);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Root))
        {
            _watcher = new FileSystemWatcher(Root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.Error += (_, e) =>
            {
                _logger.LogWarning(e.GetException(), "Watching {Root} failed; reloading now", Root);
                ScheduleReload();
            };
            _watcher.EnableRaisingEvents = true;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        return Task.CompletedTask;
    }

    /// <summary>Reads the folder again now.</summary>
    public void Reload()
    {
        // One reload at a time: editors save several files in a burst.
        lock (_reloadLock)
        {
            var snapshot = LoadAndReport();
            Volatile.Write(ref _current, snapshot);
            Changed?.Invoke(snapshot);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _reloadTimer.Dispose();
    }

    // Editors and tools write a file in several steps; wait for the burst to end.
    private void ScheduleReload() => _reloadTimer.Change(Debounce, Timeout.InfiniteTimeSpan);

    private ContentSnapshot LoadAndReport()
    {
        var snapshot = _loader.Load(Root);
        foreach (var problem in snapshot.Problems)
        {
            _logger.LogWarning("Content problem in {File} line {Line}: {Message}", problem.File, problem.Line, problem.Message);
        }

        _logger.LogInformation("Content loaded from {Root}: {Procedures} procedures, {Agencies} agencies, {Pages} pages, {News} news, {Problems} problems",
            Root, snapshot.Procedures.Count, snapshot.Agencies.Count, snapshot.Pages.Count, snapshot.News.Count, snapshot.Problems.Count);
        return snapshot;
    }
}
