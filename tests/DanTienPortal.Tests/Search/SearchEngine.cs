using DanTienPortal.Web.Content;
using DanTienPortal.Web.Hosting;
using DanTienPortal.Web.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Tests.Search;

/// <summary>The search index and service over a content folder, without a web host.</summary>
public sealed class SearchEngine : IDisposable
{
    public SearchEngine(string contentPath, TimeProvider? time = null, string? indexPath = null)
    {
        time ??= TimeProvider.System;
        Content = new ContentStore(new ContentLoader(new MarkdownRenderer(), time),
            Options.Create(new PortalOptions { ContentPath = contentPath }), NullLogger<ContentStore>.Instance);
        var options = Options.Create(new SearchOptions { IndexPath = indexPath });
        Index = new SearchIndex(Content, options, NullLogger<SearchIndex>.Instance);
        Index.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Service = new SearchService(Index, Content, options, time);
    }

    public ContentStore Content { get; }

    public SearchIndex Index { get; }

    public SearchService Service { get; }

    public void Dispose()
    {
        Index.Dispose();
        Content.Dispose();
    }
}
