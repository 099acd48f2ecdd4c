using System.Globalization;
using DanTienPortal.Web.Content;
using Lucene.Net.Documents;
using Field = Lucene.Net.Documents.Field;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DanTienPortal.Web.Search;

/// <summary>
/// The one owner of the Lucene index: its writer, its searcher manager and the thread that
/// refreshes searchers. The index is derived data: it is built from the content at start,
/// updated when the content changes, and rebuilt from scratch whenever it cannot be read.
/// </summary>
public sealed partial class SearchIndex : IHostedService, IDisposable
{
    public const string ContentSource = "content";
    public static readonly DateOnly Epoch = new(2000, 1, 1);

    private readonly ContentStore _content;
    private readonly SearchOptions _options;
    private readonly ILogger<SearchIndex> _logger;
    private readonly System.Threading.Lock _lock = new();
    private readonly Dictionary<string, IReadOnlyList<SearchDocument>> _sources = new(StringComparer.Ordinal);
    private State? _state;

    public SearchIndex(ContentStore content, IOptions<SearchOptions> options, ILogger<SearchIndex> logger)
    {
        _content = content;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Raised after documents were added or removed, once searches can see them.</summary>
    public event Action? Changed;

    /// <summary>The syllables of the indexed documents, for decoding and correcting queries.</summary>
    public SearchVocabulary Vocabulary { get; private set; } = SearchVocabulary.Empty;

    /// <summary>The indexed documents.</summary>
    public IReadOnlyList<SearchDocument> Documents { get; private set; } = [];

    /// <summary>Each document with the folded syllables of its title, for the search box's suggestions.</summary>
    public IReadOnlyList<(SearchDocument Document, IReadOnlyList<string> TitleWords)> Titles { get; private set; } = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        _content.Changed += OnContentChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _content.Changed -= OnContentChanged;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs a search on a current searcher. When the index cannot be read, it is rebuilt and the
    /// search runs once more, so a damaged index costs one slow query, not an error page.
    /// </summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        try
        {
            return SearchOnce(search);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or IndexOutOfRangeException)
        {
            _logger.LogError(e, "The search index could not be read; rebuilding it");
            Rebuild();
            return SearchOnce(search);
        }
    }

    /// <summary>Throws the index away and builds it again from the sources.</summary>
    public void Rebuild()
    {
        lock (_lock)
        {
            _state?.Dispose();
            _state = null;
            if (_options.IndexPath is { } path && System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }

            EnsureOpen();
        }
    }

    /// <summary>Replaces every document from the content files, atomically for readers.</summary>
    public void IndexContent(ContentSnapshot snapshot) => ReplaceSource(ContentSource, ContentDocuments.From(snapshot).ToList());

    /// <summary>
    /// Replaces every document of one source (the content files, the database's news…) in one
    /// atomic step for readers, and returns once searches can see the change.
    /// </summary>
    public void ReplaceSource(string source, IReadOnlyList<SearchDocument> documents)
    {
        lock (_lock)
        {
            var state = EnsureOpen();
            var generation = state.Tracking.UpdateDocuments(new Term("source", source), documents.Select(d => ToLucene(d, source)));
            // Few segments keep queries fast; the whole index is small enough to merge at each change.
            state.Writer.ForceMerge(1);
            state.Writer.Commit();
            state.Reopen.WaitForGeneration(generation);
            _sources[source] = documents;
            Documents = _sources.Values.SelectMany(d => d).ToList();
            Titles = Documents.Select(d => (d, (IReadOnlyList<string>)ParsedQuery.FoldedTokens(d.Title))).ToList();
            Vocabulary = SearchVocabulary.Build(Documents);
        }

        _logger.LogInformation("Search index holds {Count} documents from {Source}", documents.Count, source);
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _content.Changed -= OnContentChanged;
        lock (_lock)
        {
            _state?.Dispose();
            _state = null;
        }
    }

    internal static Document ToLucene(SearchDocument d, string source)
    {
        var title = VietnameseText.Normalize(d.Title);
        var keywords = VietnameseText.Normalize(d.Keywords);
        // One line: snippets are shown inline, and offsets must hold between stored and analysed text.
        var body = VietnameseText.Normalize(Whitespace().Replace(d.Body, " "));
        var document = new Document
        {
            new StringField("id", d.Id, Field.Store.YES),
            new StringField("source", source, Field.Store.NO),
            new StringField("type", d.Type, Field.Store.YES),
            new SortedDocValuesField("type", new BytesRef(d.Type)),
            new StringField("url", d.Url, Field.Store.YES),
            new StoredField("display_title", d.Title),
            new NumericDocValuesField("kind", Kind(d.Type)),
            new NumericDocValuesField("published_days", d.Published is { } p ? p.DayNumber - Epoch.DayNumber : 0),
        };
        // Titles and keywords in every view, to weigh them; all the text together in the views that find a page.
        foreach (var (name, text) in new[] { ("title", title), ("keywords", keywords) })
        {
            document.Add(new TextField(name, text, Field.Store.NO));
            document.Add(new TextField(name + VietnameseAnalyzers.Folded, text, Field.Store.NO));
            document.Add(new TextField(name + VietnameseAnalyzers.Shingles, text, Field.Store.NO));
            document.Add(new TextField(name + VietnameseAnalyzers.Phonetic, text, Field.Store.NO));
        }

        var all = $"{title} . {keywords} . {body}";
        // The body is read back only for snippets: kept as doc values, which a hit reads without
        // decompressing its neighbours' stored fields. Doc values hold at most 32 KB a value.
        document.Add(new BinaryDocValuesField("body", new BytesRef(Truncate(body, MaxSnippetSourceBytes))));
        document.Add(new TextField("all" + VietnameseAnalyzers.Folded, all, Field.Store.NO));
        document.Add(new TextField("all" + VietnameseAnalyzers.Shingles, all, Field.Store.NO));
        document.Add(new TextField("all" + VietnameseAnalyzers.Phonetic, all, Field.Store.NO));

        foreach (var (name, value) in new[] { ("field", d.Field), ("agency", d.Agency) })
        {
            if (value is not null)
            {
                document.Add(new StringField(name, value, Field.Store.YES));
                document.Add(new SortedDocValuesField(name, new BytesRef(value)));
            }
        }

        if (d.Published is { } published)
        {
            document.Add(new StoredField("published", published.ToString("O", CultureInfo.InvariantCulture)));
        }

        return document;
    }

    private const int MaxSnippetSourceBytes = 30_000;

    private static string Truncate(string text, int maxUtf8Bytes)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= maxUtf8Bytes)
        {
            return text;
        }

        // Vietnamese letters take up to three bytes each in UTF-8.
        return text[..Math.Min(text.Length, maxUtf8Bytes / 3)];
    }

    /// <summary>Kinds of document as numbers, for the ranking that weighs them.</summary>
    internal static long Kind(string type) => type switch
    {
        SearchTypes.Procedure => 0,
        SearchTypes.Plan => 1,
        SearchTypes.Page => 2,
        _ => 3,
    };

    private T SearchOnce<T>(Func<IndexSearcher, T> search)
    {
        var manager = EnsureOpen().Manager;
        var searcher = manager.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    private State EnsureOpen()
    {
        if (_state is { } open)
        {
            return open;
        }

        lock (_lock)
        {
            if (_state is null)
            {
                _state = State.Open(_options.IndexPath);
                var others = _sources.Where(kv => kv.Key != ContentSource).ToList();
                IndexContent(_content.Current);
                foreach (var (source, documents) in others)
                {
                    ReplaceSource(source, documents);
                }
            }

            return _state;
        }
    }

    private void OnContentChanged(ContentSnapshot snapshot)
    {
        try
        {
            IndexContent(snapshot);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogError(e, "Updating the search index failed; rebuilding it");
            Rebuild();
        }
    }

    private sealed class State : IDisposable
    {
        private State(LuceneDirectory directory, IndexWriter writer)
        {
            Directory = directory;
            Writer = writer;
            Tracking = new TrackingIndexWriter(writer);
            Manager = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
            // Searchers see changes within a second, or at once for a caller that waits for its generation.
            Reopen = new ControlledRealTimeReopenThread<IndexSearcher>(Tracking, Manager, targetMaxStaleSec: 1.0, targetMinStaleSec: 0.01)
            {
                IsBackground = true,
                Name = "search-reopen",
            };
            Reopen.Start();
        }

        public LuceneDirectory Directory { get; }

        public IndexWriter Writer { get; }

        public TrackingIndexWriter Tracking { get; }

        public SearcherManager Manager { get; }

        public ControlledRealTimeReopenThread<IndexSearcher> Reopen { get; }

        public static State Open(string? path)
        {
            LuceneDirectory directory = path is null ? new RAMDirectory() : FSDirectory.Open(System.IO.Directory.CreateDirectory(path));
            var config = new IndexWriterConfig(VietnameseAnalyzers.Version, VietnameseAnalyzers.PerField)
            {
                // Derived data: start empty every time.
                OpenMode = OpenMode.CREATE,
            };
            return new State(directory, new IndexWriter(directory, config));
        }

        public void Dispose()
        {
            Reopen.Dispose();
            Manager.Dispose();
            try
            {
                Writer.Dispose();
            }
            catch (IOException)
            {
                // The folder may be gone already. Rolling back still releases the write lock,
                // which the index about to be rebuilt in the same folder needs.
                try
                {
                    Writer.Rollback();
                }
                catch (IOException)
                {
                }
            }

            Directory.Dispose();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}
