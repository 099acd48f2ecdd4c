namespace DanTienPortal.Web.Search;

/// <summary>Settings under <c>Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// Folder of the Lucene index. Unset: the index lives in memory. Either way it is derived
    /// data, rebuilt from the content (and the database) at start and whenever it is unreadable.
    /// Each app node needs a folder of its own.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>
    /// How often, in seconds, the index folder is read as a restart would read it; a folder gone
    /// or damaged is rebuilt at once. Unused while the index lives in memory.
    /// </summary>
    public int CheckSeconds { get; set; } = 60;

    /// <summary>Hits per results page.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>How long a results page is answered from memory (until the index changes, at most); 0 turns the cache off.</summary>
    public int CacheSeconds { get; set; } = 600;

    /// <summary>Longer queries are cut to this many characters.</summary>
    public int MaxQueryLength { get; set; } = 200;
}
