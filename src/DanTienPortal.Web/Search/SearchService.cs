using DanTienPortal.Web.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Search;

/// <summary>Answers searches for the results page and the API: ranked hits, facets, suggestions.</summary>
public sealed class SearchService(SearchIndex index, ContentStore content, IOptions<SearchOptions> options, TimeProvider time)
{
    private const int SnippetLength = 160;

    /// <summary>How many of the first stage's best matches the full ranking orders.</summary>
    private const int RerankDepth = 20;
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
        var bestBet = snapshot.Search.BestBets.FirstOrDefault(b => b.FoldedQuery == parsed.FoldedText);
        var page = Math.Max(1, request.Page);
        var size = options.Value.PageSize;

        return index.Search(searcher =>
        {
            // Stage one finds and counts the matches: pages with every syllable first (a fast
            // conjunction); only when those are too few to rank, pages with most of them.
            var terms = index.Terms(searcher);
            var (top, facets) = Match(searcher, parsed.Candidates(strict: true, terms), request, page * size);
            if (top.TotalHits < RerankDepth && parsed.CanRelax)
            {
                (top, facets) = Match(searcher, parsed.Candidates(strict: false, terms), request, page * size);
            }

            var total = top.TotalHits;
            var docs = Rerank(searcher, parsed.Ranking(terms), top.GetTopDocs().ScoreDocs, today);
            if (page == 1 && bestBet is not null && request.Type is null && request.Field is null && request.Agency is null)
            {
                total += PinFirst(searcher, docs, bestBet.Url) ? 1 : 0;
            }

            var highlighted = parsed.HighlightTerms();
            var hits = docs.Skip((page - 1) * size).Take(size).Select(d => Hit(index.Document(searcher, d.Doc), d.Score, highlighted)).ToList();
            var answer = page == 1 && request.Type is null or SearchTypes.Procedure ? Answer(hits, bestBet, snapshot) : null;

            // Offer a correction when little was found, or when a word of the query is in no document.
            var didYouMean = total < 3 || parsed.Tokens.Any(t => !t.InVocabulary) ? Correction(parsed) : null;
            return new SearchResults(raw, total, hits, Facets(facets, request, snapshot), didYouMean, answer, page,
                (total + size - 1) / size, QueryProblem.None, truncated);
        });
    }

    private static (TopScoreDocCollector Top, FacetCollector Facets) Match(IndexSearcher searcher, Query candidates, SearchRequest request, int wanted)
    {
        var filtered = Filter(candidates, request);
        var top = TopScoreDocCollector.Create(Math.Max(RerankDepth, wanted), docsScoredInOrder: true);
        var facets = new FacetCollector(FacetFields);
        if (ReferenceEquals(filtered, candidates))
        {
            searcher.Search(candidates, MultiCollector.Wrap(top, facets));
        }
        else
        {
            // Facet counts ignore the chosen filters, so the other choices stay visible with their numbers.
            searcher.Search(filtered, top);
            searcher.Search(candidates, facets);
        }

        return (top, facets);
    }

    /// <summary>
    /// Orders the candidates: how well they match (the first stage's score) plus what the ranking
    /// adds for the places the words are found, weighed by the kind of page and, for news, its age.
    /// The ranking query visits only the candidates.
    /// </summary>
    private List<ScoreDoc> Rerank(IndexSearcher searcher, Query ranking, ScoreDoc[] candidates, int today)
    {
        if (candidates.Length == 0)
        {
            return [];
        }

        var only = new FilteredQuery(ranking, new DocIdsFilter(candidates.Select(c => c.Doc)), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);
        var added = searcher.Search(only, candidates.Length).ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
        return candidates
            .Select(c => new ScoreDoc(c.Doc, PageWeight.Of(index.Document(searcher, c.Doc), today) * (c.Score + added.GetValueOrDefault(c.Doc))))
            .OrderByDescending(d => d.Score)
            .ThenBy(d => d.Doc)
            .ToList();
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
        return index.Titles
            .Where(x => complete.All(x.TitleWords.Contains) && x.TitleWords.Any(w => w.StartsWith(last, StringComparison.Ordinal)))
            .OrderBy(x => x.Document.Type == SearchTypes.Procedure ? 0 : 1)
            .ThenBy(x => x.TitleWords.Count > 0 && x.TitleWords[0].StartsWith(words[0], StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.Document.Title.Length)
            .Select(x => x.Document.Title)
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
    private bool PinFirst(IndexSearcher searcher, List<ScoreDoc> docs, string url)
    {
        var found = docs.FindIndex(d => index.Document(searcher, d.Doc).Url == url);
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

    private static SearchHit Hit(SearchDocument document, float score, IReadOnlySet<string> terms) =>
        new(document.Type, document.Title, document.Url, Snippet.Build(document.Body, terms, SnippetLength), score,
            document.Field, document.Agency, document.Published);

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
}
