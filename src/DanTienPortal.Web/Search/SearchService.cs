using System.Text.Encodings.Web;
using System.Text.Unicode;
using DanTienPortal.Web.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Search;

/// <summary>Answers searches for the results page and the API: ranked hits, facets, suggestions.</summary>
public sealed class SearchService(SearchIndex index, ContentStore content, IOptions<SearchOptions> options, TimeProvider time)
{
    private const int SnippetLength = 160;
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
    private static readonly string[] FacetFields = ["type", "field", "agency"];

    public SearchResults Search(SearchRequest request)
    {
        var max = options.Value.MaxQueryLength;
        var raw = (request.Query ?? "").Trim();
        var truncated = raw.Length > max;
        if (truncated)
        {
            raw = raw[..max];
        }

        if (raw.Length == 0)
        {
            return SearchResults.Nothing(raw, QueryProblem.Empty);
        }

        var snapshot = content.Current;
        var parsed = ParsedQuery.Parse(raw, index.Vocabulary, snapshot.Search);
        if (parsed.Tokens.Count == 0)
        {
            return SearchResults.Nothing(raw, QueryProblem.NoWords, truncated);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).DayNumber - SearchIndex.Epoch.DayNumber;
        var scored = new PortalScoreQuery(parsed.ToLucene(), today);
        var bestBet = snapshot.Search.BestBets.FirstOrDefault(b => string.Join(' ', ParsedQuery.FoldedTokens(b.Query)) == parsed.FoldedText);
        var page = Math.Max(1, request.Page);
        var size = options.Value.PageSize;

        return index.Search(searcher =>
        {
            var filtered = Filter(scored, request);
            var top = TopScoreDocCollector.Create(page * size, true);
            var facets = new FacetCollector(FacetFields);
            if (ReferenceEquals(filtered, scored))
            {
                searcher.Search(scored, MultiCollector.Wrap(top, facets));
            }
            else
            {
                // Facet counts ignore the chosen filters, so the other choices stay visible with their numbers.
                searcher.Search(filtered, top);
                searcher.Search(scored, facets);
            }

            var docs = top.GetTopDocs().ScoreDocs.ToList();
            var total = top.TotalHits;
            if (page == 1 && bestBet is not null && request.Type is null && request.Field is null && request.Agency is null)
            {
                total += PinFirst(searcher, docs, bestBet.Url) ? 1 : 0;
            }

            var hits = docs.Skip((page - 1) * size).Take(size).Select(d => Hit(searcher, d, parsed)).ToList();
            var answer = page == 1 && request.Type is null or SearchTypes.Procedure ? Answer(hits, bestBet, snapshot) : null;
            // Offer a correction when little was found, or when a word of the query is in no document.
            var didYouMean = total < 3 || parsed.Tokens.Any(t => !t.InVocabulary) ? Correction(parsed) : null;
            return new SearchResults(raw, total, hits, Facets(facets, request, snapshot), didYouMean, answer, page,
                (total + size - 1) / size, QueryProblem.None, truncated);
        });
    }

    /// <summary>Titles that complete what is typed in the search box, procedures first.</summary>
    public IReadOnlyList<string> Suggest(string? prefix, int limit = 8)
    {
        var words = ParsedQuery.FoldedTokens((prefix ?? "").Trim().ToLowerInvariant());
        if (words.Count == 0 || (prefix ?? "").Length > options.Value.MaxQueryLength)
        {
            return [];
        }

        var complete = words[..^1];
        var last = words[^1];
        return index.Documents
            .Select(d => (d, titleWords: ParsedQuery.FoldedTokens(d.Title)))
            .Where(x => complete.All(x.titleWords.Contains) && x.titleWords.Any(w => w.StartsWith(last, StringComparison.Ordinal)))
            .OrderBy(x => x.d.Type == SearchTypes.Procedure ? 0 : 1)
            .ThenBy(x => x.titleWords.Count > 0 && x.titleWords[0].StartsWith(words[0], StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.d.Title.Length)
            .Select(x => x.d.Title)
            .Distinct()
            .Take(limit)
            .ToList();
    }

    private static Query Filter(Query scored, SearchRequest request)
    {
        var filters = new[] { ("type", request.Type), ("field", request.Field), ("agency", request.Agency) }
            .Where(f => !string.IsNullOrEmpty(f.Item2))
            .ToList();
        if (filters.Count == 0)
        {
            return scored;
        }

        var query = new BooleanQuery { { scored, Occur.MUST } };
        foreach (var (field, value) in filters)
        {
            query.Add(new ConstantScoreQuery(new TermQuery(new Term(field, value))) { Boost = 0 }, Occur.MUST);
        }

        return query;
    }

    /// <summary>Puts the best bet's page first; true when it was not among the hits at all.</summary>
    private static bool PinFirst(IndexSearcher searcher, List<ScoreDoc> docs, string url)
    {
        var found = docs.FindIndex(d => searcher.Doc(d.Doc).Get("url", Invariant) == url);
        if (found == 0)
        {
            return false;
        }

        if (found > 0)
        {
            var pinned = docs[found];
            docs.RemoveAt(found);
            docs.Insert(0, new ScoreDoc(pinned.Doc, Math.Max(pinned.Score, docs[0].Score)));
            return false;
        }

        var match = searcher.Search(new TermQuery(new Term("url", url)), 1).ScoreDocs;
        if (match.Length == 0)
        {
            return false;
        }

        docs.Insert(0, new ScoreDoc(match[0].Doc, docs.Count > 0 ? docs[0].Score : 1));
        return true;
    }

    private static SearchHit Hit(IndexSearcher searcher, ScoreDoc scoreDoc, ParsedQuery parsed)
    {
        var doc = searcher.Doc(scoreDoc.Doc);
        var body = doc.Get("body", Invariant) ?? "";
        DateOnly? published = doc.Get("published", Invariant) is { } p ? DateOnly.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new SearchHit(doc.Get("type", Invariant), doc.Get("display_title", Invariant), doc.Get("url", Invariant), Snippet(body, parsed),
            scoreDoc.Score, doc.Get("field", Invariant), doc.Get("agency", Invariant), published);
    }

    /// <summary>
    /// The best passage of the body with the matched words marked. The folded token stream of
    /// the accented text is scored against folded terms, so an unaccented query marks the
    /// accented words it found. Text is HTML-encoded; only the marks are markup.
    /// </summary>
    private static string Snippet(string body, ParsedQuery parsed)
    {
        var field = "body" + VietnameseAnalyzers.Folded;
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), TextEncoder.Instance, new QueryScorer(parsed.HighlightQuery(), field))
        {
            TextFragmenter = new SimpleFragmenter(SnippetLength),
        };
        using var tokens = VietnameseAnalyzers.FoldedSyllables.GetTokenStream(field, body);
        var fragments = highlighter.GetBestFragments(tokens, body, 2, " … ");
        if (!string.IsNullOrWhiteSpace(fragments))
        {
            return fragments.Trim();
        }

        var start = body.Length <= SnippetLength ? body : body[..SnippetLength].TrimEnd() + "…";
        return TextEncoder.Instance.EncodeText(start);
    }

    /// <summary>A procedure to answer with at once when the search clearly points to one.</summary>
    private static Procedure? Answer(List<SearchHit> hits, BestBet? bestBet, ContentSnapshot snapshot)
    {
        if (hits.Count == 0 || hits[0].Type != SearchTypes.Procedure)
        {
            return null;
        }

        var clear = bestBet?.Url == hits[0].Url || hits.Count == 1 || hits[0].Score >= 1.5f * hits[1].Score;
        return clear && snapshot.ProceduresBySlug.TryGetValue(hits[0].Url["/thu-tuc/".Length..], out var procedure) ? procedure : null;
    }

    private string? Correction(ParsedQuery parsed)
    {
        var vocabulary = index.Vocabulary;
        var corrected = parsed.Tokens.Select(t => t.InVocabulary ? t.Folded : vocabulary.Correct(t.Folded)).ToList();
        if (corrected.Any(c => c is null) || corrected.SequenceEqual(parsed.Tokens.Select(t => t.Folded)))
        {
            return null;
        }

        return string.Join(' ', corrected.Select(c => vocabulary.Display(c!)));
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> Facets(FacetCollector collector, SearchRequest request, ContentSnapshot snapshot)
    {
        var selected = new Dictionary<string, string?> { ["type"] = request.Type, ["field"] = request.Field, ["agency"] = request.Agency };
        string Label(string facet, string value) => facet switch
        {
            "type" => SearchTypes.Name(value),
            "field" => snapshot.FieldName(value),
            _ => snapshot.AgenciesBySlug.TryGetValue(value, out var a) ? a.Name : value,
        };

        return collector.Counts.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<FacetValue>)kv.Value
                .Select(v => new FacetValue(v.Key, Label(kv.Key, v.Key), v.Value, v.Key == selected[kv.Key]))
                .OrderByDescending(v => v.Count)
                .ThenBy(v => v.Label, ContentSnapshot.VietnameseOrder)
                .ToList());
    }

    /// <summary>Encodes only what HTML needs encoded, leaving Vietnamese letters readable.</summary>
    private sealed class TextEncoder : IEncoder
    {
        public static readonly TextEncoder Instance = new();

        private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

        public string EncodeText(string originalText) => Html.Encode(originalText);
    }
}
