using System.Collections.Frozen;
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
/// <remarks>
/// A change writes only the documents added, changed or removed (by id, unique across sources),
/// and updates the vocabulary from those alone: publishing one article costs that article,
/// however many the index holds. Each document is replaced atomically for readers; a search that
/// runs while a change of several documents is written may see part of it.
/// </remarks>
public sealed partial class SearchIndex : IHostedService, IDisposable
{
    public const string ContentSource = "content";
    public static readonly DateOnly Epoch = new(2000, 1, 1);

    private readonly ContentStore _content;
    private readonly SearchOptions _options;
    private readonly ILogger<SearchIndex> _logger;
    private readonly System.Threading.Lock _lock = new();
    private readonly Dictionary<string, IReadOnlyList<Indexed>> _sources = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, ReaderView> _views = [];
    private FrozenDictionary<string, SearchDocument> _byId = FrozenDictionary<string, SearchDocument>.Empty;
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
        var state = EnsureOpen();
        try
        {
            return SearchOnce(state, search);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or IndexOutOfRangeException)
        {
            lock (_lock)
            {
                // Of the searches that fail on one index, the first rebuilds it; the others (and those
                // cut short by the rebuild) find the new one.
                if (_state == state)
                {
                    _logger.LogError(e, "The search index could not be read; rebuilding it");
                    Rebuild();
                }
            }

            return SearchOnce(EnsureOpen(), search);
        }
    }

    /// <summary>
    /// Throws the index away and builds it again from the sources. Searches meanwhile wait for the
    /// new index, whole; those running on the old one fail over to it.
    /// </summary>
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

    /// <summary>
    /// Reads the index folder as a restart would, checksums included, and rebuilds the index when
    /// the folder is gone or a file in it is missing or damaged. Searches read the files they
    /// opened, which outlive their deletion: without this look, a deleted folder would stay gone
    /// until the next change, and a file damaged in place would wait for a search to stumble on it.
    /// </summary>
    public void CheckFolder()
    {
        if (_options.IndexPath is not { } path)
        {
            return;
        }

        lock (_lock)
        {
            try
            {
                using var directory = new NIOFSDirectory(path);
                using var reader = DirectoryReader.Open(directory);
                foreach (var leaf in reader.Leaves)
                {
                    leaf.AtomicReader.CheckIntegrity();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever keeps the folder from being read, a restart would build it afresh: so does this.
                _logger.LogError(e, "The search index folder {Path} is missing or damaged; rebuilding it", path);
                Rebuild();
            }
        }
    }

    /// <summary>Replaces every document from the content files, atomically for readers.</summary>
    public void IndexContent(ContentSnapshot snapshot) => ReplaceSource(ContentSource, ContentDocuments.From(snapshot).ToList());

    /// <summary>
    /// Makes <paramref name="documents"/> the documents of one source (the content files, the
    /// database's news…), and returns once searches can see the change. Only what differs from
    /// the source's previous documents is written; <see cref="Changed"/> is raised when anything did.
    /// </summary>
    public void ReplaceSource(string source, IReadOnlyList<SearchDocument> documents)
    {
        bool changed;
        lock (_lock)
        {
            changed = Write(EnsureOpen(), source, documents, fresh: false);
        }

        if (changed)
        {
            Changed?.Invoke();
        }
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

    /// <summary>
    /// The document as the index and the hits read it: its body normalised once, on one line
    /// (snippets are shown inline, and their offsets must hold between shown and analysed text).
    /// </summary>
    private static SearchDocument Prepare(SearchDocument d) => d with { Body = VietnameseText.Normalize(Whitespace().Replace(d.Body, " ")) };

    /// <summary>The Lucene view of a prepared document; hits are read back from the documents themselves.</summary>
    private static Document ToLucene(SearchDocument d)
    {
        var title = VietnameseText.Normalize(d.Title);
        var keywords = VietnameseText.Normalize(d.Keywords);
        var document = new Document
        {
            new StringField("id", d.Id, Field.Store.YES),
            new SortedDocValuesField("id", new BytesRef(d.Id)),
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

        var all = $"{title} . {keywords} . {d.Body}";
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

    /// <summary>Kinds of document as numbers, for the ranking that weighs them.</summary>
    internal static long Kind(string type) => type switch
    {
        SearchTypes.Procedure => 0,
        SearchTypes.Plan => 1,
        SearchTypes.Page => 2,
        _ => 3,
    };

    /// <summary>
    /// The document behind a hit, without reading stored fields: each reader maps its document
    /// numbers to the documents once, on its first search.
    /// </summary>
    public SearchDocument Document(IndexSearcher searcher, int doc) => ViewOf(searcher.IndexReader).Documents[doc];

    /// <summary>Term queries whose terms are looked up once per reader.</summary>
    public TermStates Terms(IndexSearcher searcher) => ViewOf(searcher.IndexReader).Terms;

    private ReaderView ViewOf(IndexReader reader) => _views.GetValue(reader, r =>
    {
        var byId = _byId;
        var documents = new SearchDocument[r.MaxDoc];
        var id = new BytesRef();
        foreach (var leaf in r.Leaves)
        {
            var ids = leaf.AtomicReader.GetSortedDocValues("id");
            for (var i = 0; i < leaf.AtomicReader.MaxDoc; i++)
            {
                ids?.Get(i, id);
                // A reader still in use after its documents were replaced reads them from its stored fields.
                documents[leaf.DocBase + i] = ids is not null && byId.TryGetValue(id.Utf8ToString(), out var d) ? d : FromStored(leaf.AtomicReader.Document(i));
            }
        }

        return new ReaderView(documents, new TermStates(r.Context));
    });

    /// <summary>What searches on one reader share: its documents by number, its looked-up terms.</summary>
    private sealed record ReaderView(SearchDocument[] Documents, TermStates Terms);

    private static SearchDocument FromStored(Document stored) => new(
        stored.Get("id", CultureInfo.InvariantCulture) ?? "", stored.Get("type", CultureInfo.InvariantCulture) ?? SearchTypes.Page,
        stored.Get("url", CultureInfo.InvariantCulture) ?? "/", stored.Get("display_title", CultureInfo.InvariantCulture) ?? "", "", "",
        stored.Get("field", CultureInfo.InvariantCulture), stored.Get("agency", CultureInfo.InvariantCulture),
        stored.Get("published", CultureInfo.InvariantCulture) is { } p ? DateOnly.Parse(p, CultureInfo.InvariantCulture) : null);

    private static T SearchOnce<T>(State state, Func<IndexSearcher, T> search)
    {
        var searcher = state.Manager.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            state.Manager.Release(searcher);
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
                // Filled before it is published: a search never sees a half-built index, it waits for the whole one.
                var state = State.Open(_options.IndexPath);
                try
                {
                    var others = _sources.Where(kv => kv.Key != ContentSource).ToList();
                    Write(state, ContentSource, ContentDocuments.From(_content.Current).ToList(), fresh: true);
                    foreach (var (source, documents) in others)
                    {
                        Write(state, source, documents.Select(d => d.Given).ToList(), fresh: true);
                    }

                    // One segment answers fastest; later changes add small ones, which the writer merges as they pile up.
                    state.Writer.ForceMerge(1);
                    state.Writer.Commit();
                }
                catch
                {
                    // Its writer holds the folder's lock, which the next attempt needs.
                    state.Dispose();
                    throw;
                }

                _state = state;
            }

            return _state;
        }
    }

    /// <summary>
    /// Makes <paramref name="documents"/> the documents of <paramref name="source"/> in
    /// <paramref name="state"/>, writing those that differ from the source's previous documents
    /// (all of them into a <paramref name="fresh"/>, still empty, index). The caller holds the lock.
    /// Returns whether any document was added, changed or removed.
    /// </summary>
    private bool Write(State state, string source, IReadOnlyList<SearchDocument> documents, bool fresh)
    {
        var previous = (_sources.GetValueOrDefault(source) ?? []).ToDictionary(d => d.Given.Id, StringComparer.Ordinal);
        var entries = new List<Indexed>(documents.Count);
        var added = new List<Indexed>();
        var replaced = new List<Indexed>();
        foreach (var document in documents)
        {
            if (previous.Remove(document.Id, out var old))
            {
                if (old.Given == document)
                {
                    entries.Add(old);
                    continue;
                }

                replaced.Add(old);
            }

            var entry = Indexed.Of(document);
            entries.Add(entry);
            added.Add(entry);
        }

        // What is left of the previous documents is gone from the source.
        var removed = previous.Values.ToList();
        if (!fresh && added.Count == 0 && removed.Count == 0)
        {
            return false;
        }

        // A searcher may see the new documents before this method returns: both versions stay
        // known until it does, the new one winning where an id is in both.
        _byId = _byId.Concat(added.Select(d => KeyValuePair.Create(d.Given.Id, d.Prepared))).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var generation = fresh ? state.Tracking.AddDocuments(entries.Select(d => ToLucene(d.Prepared))) : -1;
        if (!fresh)
        {
            foreach (var gone in removed)
            {
                generation = state.Tracking.DeleteDocuments(new Term("id", gone.Given.Id));
            }

            foreach (var entry in added)
            {
                generation = state.Tracking.UpdateDocument(new Term("id", entry.Given.Id), ToLucene(entry.Prepared));
            }
        }

        // One segment answers fastest: a change that rewrote much of the index is merged into one, as
        // a new index is. A few documents make a small segment, merged with others as they pile up.
        var total = _sources.Where(kv => kv.Key != source).Sum(kv => kv.Value.Count) + entries.Count;
        if (!fresh && (added.Count + removed.Count) * 4 > total)
        {
            state.Writer.ForceMerge(1);
        }

        state.Writer.Commit();
        state.Reopen.WaitForGeneration(generation);
        _sources[source] = entries;
        var all = _sources.Values.SelectMany(d => d).ToList();
        Documents = all.Select(d => d.Prepared).ToList();
        _byId = Documents.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        Titles = all.Select(d => (d.Prepared, d.TitleWords)).ToList();
        Vocabulary = Vocabulary.With(replaced.Concat(removed).Select(d => d.Prepared), added.Select(d => d.Prepared));
        _logger.LogInformation("Search index holds {Count} documents from {Source}: {Written} written, {Removed} removed",
            entries.Count, source, fresh ? entries.Count : added.Count, removed.Count);
        return true;
    }

    /// <summary>One document as its source gave it and as the index and the hits read it, with its title's folded syllables for suggestions.</summary>
    private sealed record Indexed(SearchDocument Given, SearchDocument Prepared, IReadOnlyList<string> TitleWords)
    {
        public static Indexed Of(SearchDocument given)
        {
            var prepared = Prepare(given);
            return new Indexed(given, prepared, ParsedQuery.FoldedTokens(prepared.Title));
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
            // Files are read through handles, not memory-mapped: a mapped file cut short under the
            // app (a full disk, a clean-up script) kills the process with SIGBUS on the next search,
            // where a handle reading past the end gets an IOException, which rebuilds the index.
            LuceneDirectory directory = path is null ? new RAMDirectory() : new NIOFSDirectory(System.IO.Directory.CreateDirectory(path));
            var config = new IndexWriterConfig(VietnameseAnalyzers.Version, VietnameseAnalyzers.PerField)
            {
                // Derived data: start empty every time.
                OpenMode = OpenMode.CREATE,
                // Each change of a few documents adds a small segment, and each segment costs every
                // query a look-up: they are merged once three pile up (Lucene's default waits for ten).
                MergePolicy = new TieredMergePolicy { SegmentsPerTier = 3 },
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
