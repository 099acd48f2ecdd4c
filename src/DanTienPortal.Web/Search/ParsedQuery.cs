using DanTienPortal.Web.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DanTienPortal.Web.Search;

/// <summary>One syllable of a query: as typed (normalised) and folded.</summary>
public sealed record QueryToken(string Exact, string Folded, bool InVocabulary, bool MaySoundLikeAnother = false);

/// <summary>
/// A citizen's query understood: its syllables (keyboard leftovers decoded), the synonyms it
/// calls in, and two Lucene queries: <see cref="Candidates"/> finds and counts the matching
/// pages cheaply, <see cref="Ranking"/> orders the best of them (exact over folded over
/// phonetic and fuzzy, titles over bodies, syllables kept together over the same apart).
/// </summary>
public sealed class ParsedQuery
{
    /// <summary>Words that shape a question but say nothing of its subject (folded).</summary>
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "can", "gi", "lam", "sao", "the", "nao", "nhu", "thi", "la", "co", "khong", "o", "dau", "bao", "lau", "nhieu",
        "muon", "xin", "cho", "cua", "va", "voi", "duoc", "toi", "em", "anh", "chi", "minh", "a", "oi", "hoi", "ve",
        "nhung", "cac", "mot", "nay", "de", "phai", "ai", "khi", "gium", "giup", "huong", "dan", "thu", "tuc",
    };

    private const int MaxTokens = 12;

    private ParsedQuery(IReadOnlyList<QueryToken> tokens, IReadOnlyList<IReadOnlyList<string>> synonyms)
    {
        Tokens = tokens;
        Synonyms = synonyms;
        var content = tokens.Where(t => !QuestionWords.Contains(t.Folded)).ToList();
        ContentTokens = content.Count > 0 ? content : tokens;
    }

    public IReadOnlyList<QueryToken> Tokens { get; }

    /// <summary>The tokens that must match (question words left out unless nothing else is left).</summary>
    public IReadOnlyList<QueryToken> ContentTokens { get; }

    /// <summary>Folded phrases that mean the same as a phrase of the query.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Synonyms { get; }

    /// <summary>The query folded and spaced, to compare with best bets.</summary>
    public string FoldedText => string.Join(' ', Tokens.Select(t => t.Folded));

    public static ParsedQuery Parse(string query, SearchVocabulary vocabulary, SearchSettings settings)
    {
        var normalized = VietnameseText.Normalize(query.ToLowerInvariant());
        var tokens = new List<QueryToken>();
        foreach (var exact in VietnameseAnalyzers.Tokens(VietnameseAnalyzers.Exact, normalized).Take(MaxTokens))
        {
            var folded = VietnameseText.Fold(exact);
            if (!vocabulary.Contains(folded) && VietnameseText.DecodeInputMethod(folded) is { } decoded && vocabulary.Contains(decoded))
            {
                tokens.Add(new QueryToken(decoded, decoded, true));
                continue;
            }

            var known = vocabulary.Contains(folded);
            tokens.Add(new QueryToken(exact, folded, known, known && vocabulary.HasCommonerSoundAlike(folded)));
        }

        return new ParsedQuery(tokens, ExpandSynonyms(tokens, settings));
    }

    /// <summary>Folded syllables of a phrase, as the index sees them.</summary>
    public static List<string> FoldedTokens(string phrase) =>
        VietnameseAnalyzers.Tokens(VietnameseAnalyzers.FoldedSyllables, VietnameseText.Normalize(phrase));

    /// <summary>
    /// Which pages match: every syllable of the query (<paramref name="strict"/>) or most of them,
    /// anywhere in the page, or one of the query's synonyms. Cheap enough to run over every page;
    /// <see cref="Ranking"/> then orders the best of them.
    /// </summary>
    public Query Candidates(bool strict, TermStates terms) => Matching(strict, terms);

    /// <summary>Whether a strict match asks for more than a relaxed one, so a relaxed search can find more.</summary>
    public bool CanRelax => Needed(strict: false) < ContentTokens.Count;

    /// <summary>
    /// What the places of the words add to a candidate's score from <see cref="Candidates"/>:
    /// matches in the title and keywords weigh most, exact before folded before phonetic, and
    /// syllables kept together beat the same syllables apart.
    /// </summary>
    public Query Ranking(TermStates terms)
    {
        var query = new BooleanQuery();
        // Question words ("thủ tục", "cần gì") weigh nothing, even in a title that happens to hold them.
        foreach (var token in ContentTokens)
        {
            query.Add(Weighed(token, terms), Occur.SHOULD);
        }

        foreach (var bigram in Bigrams())
        {
            query.Add(Boosted(terms.Query("title" + VietnameseAnalyzers.Shingles, bigram), 6), Occur.SHOULD);
            query.Add(Boosted(terms.Query("keywords" + VietnameseAnalyzers.Shingles, bigram), 5), Occur.SHOULD);
            query.Add(Boosted(terms.Query("all" + VietnameseAnalyzers.Shingles, bigram), 2), Occur.SHOULD);
        }

        // A synonym's phrase in the title or keywords weighs as the query's own words would there.
        foreach (var phrase in Synonyms)
        {
            query.Add(Boosted(Phrase("title", phrase, terms), 4.5f), Occur.SHOULD);
            query.Add(Boosted(Phrase("keywords", phrase, terms), 3.6f), Occur.SHOULD);
        }

        return query;
    }

    private int Needed(bool strict) => strict ? ContentTokens.Count : ContentTokens.Count - (ContentTokens.Count / 3);

    private BooleanQuery Matching(bool strict, TermStates terms)
    {
        // All of the syllables, or most of them: all of one or two, two of three, three of four…
        var n = ContentTokens.Count;
        var needed = Needed(strict);
        var required = new BooleanQuery();
        foreach (var token in ContentTokens)
        {
            // When all are needed, a conjunction finds the pages by leapfrogging, much faster than counting.
            required.Add(Found(token, terms), needed == n ? Occur.MUST : Occur.SHOULD);
        }

        if (needed < n)
        {
            required.MinimumNumberShouldMatch = needed;
        }

        if (Synonyms.Count == 0)
        {
            return required;
        }

        var anyMeaning = new BooleanQuery(disableCoord: true) { { required, Occur.SHOULD } };
        foreach (var phrase in Synonyms)
        {
            // The title and keywords are part of "all"; where in the page the phrase is found weighs in the ranking.
            anyMeaning.Add(Boosted(Phrase("all", phrase, terms), 0.9f), Occur.SHOULD);
        }

        anyMeaning.MinimumNumberShouldMatch = 1;
        return anyMeaning;
    }

    private IEnumerable<string> Bigrams() => Tokens.Zip(Tokens.Skip(1), (a, b) => $"{a.Folded} {b.Folded}");

    /// <summary>The folded syllables to mark in a snippet: every word the query looks for, synonyms included.</summary>
    public IReadOnlySet<string> HighlightTerms() =>
        Tokens.Select(t => t.Folded).Concat(Synonyms.SelectMany(s => s)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Where a syllable counts as found: anywhere in the page, folded, or by sound or with a typo when no page has it.</summary>
    private static Query Found(QueryToken token, TermStates terms)
    {
        var folded = terms.Query("all" + VietnameseAnalyzers.Folded, token.Folded);
        if (token.InVocabulary && !token.MaySoundLikeAnother)
        {
            return folded;
        }

        var alternatives = new DisjunctionMaxQuery(0.1f)
        {
            folded,
            Boosted(terms.Query("all" + VietnameseAnalyzers.Phonetic, VietnameseText.Phonetic(token.Folded)), 0.6f),
        };
        if (token.InVocabulary)
        {
            return alternatives;
        }

        // Typo tolerance: one edit from four letters, two from eight.
        if (token.Folded.Length >= 4)
        {
            var edits = token.Folded.Length >= 8 ? 2 : 1;
            alternatives.Add(Boosted(new FuzzyQuery(new Term("all" + VietnameseAnalyzers.Folded, token.Folded), edits, 1), 0.5f));
        }

        return alternatives;
    }

    /// <summary>How much a syllable weighs where it is found: in the title or keywords, as typed, folded or by sound.</summary>
    private static DisjunctionMaxQuery Weighed(QueryToken token, TermStates terms)
    {
        var weighed = new DisjunctionMaxQuery(0.1f)
        {
            Boosted(terms.Query("title", token.Exact), 8),
            Boosted(terms.Query("title" + VietnameseAnalyzers.Folded, token.Folded), 5),
            Boosted(terms.Query("keywords" + VietnameseAnalyzers.Folded, token.Folded), 4),
        };
        if (!token.InVocabulary || token.MaySoundLikeAnother)
        {
            weighed.Add(Boosted(terms.Query("title" + VietnameseAnalyzers.Phonetic, VietnameseText.Phonetic(token.Folded)), 1.5f));
        }

        return weighed;
    }

    /// <summary>
    /// A phrase in one field: all of its two-syllable shingles together, which is nearly a phrase
    /// match at the price of a few short posting lists.
    /// </summary>
    private static BooleanQuery Phrase(string field, IReadOnlyList<string> folded, TermStates terms)
    {
        var phrase = new BooleanQuery(disableCoord: true);
        if (folded.Count == 1)
        {
            phrase.Add(terms.Query(field + VietnameseAnalyzers.Folded, folded[0]), Occur.MUST);
        }

        foreach (var bigram in folded.Zip(folded.Skip(1), (a, b) => $"{a} {b}"))
        {
            phrase.Add(terms.Query(field + VietnameseAnalyzers.Shingles, bigram), Occur.MUST);
        }

        return phrase;
    }

    /// <summary>
    /// The other phrases of every synonym group that the query contains a phrase of, compared by
    /// sound so that "xổ đỏ" still calls in "giấy chứng nhận quyền sử dụng đất".
    /// </summary>
    private static List<IReadOnlyList<string>> ExpandSynonyms(List<QueryToken> tokens, SearchSettings settings)
    {
        var query = Sound(tokens.Select(t => t.Folded));
        var expansions = new List<IReadOnlyList<string>>();
        foreach (var group in PreparedGroups.GetValue(settings, Prepare))
        {
            var contained = group.Select(p => query.Contains(p.Sound, StringComparison.Ordinal)).ToList();
            if (contained.Contains(true))
            {
                expansions.AddRange(group.Where((_, i) => !contained[i]).Select(p => p.Folded));
            }
        }

        return expansions;
    }

    private static string Sound(IEnumerable<string> folded) => $" {string.Join(' ', folded.Select(VietnameseText.Phonetic))} ";

    // Synonym phrases analysed once per content snapshot, not once per query.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SearchSettings, List<List<(IReadOnlyList<string> Folded, string Sound)>>> PreparedGroups = [];

    private static List<List<(IReadOnlyList<string> Folded, string Sound)>> Prepare(SearchSettings settings) => settings.Synonyms
        .Select(group => group.Select(FoldedTokens).Where(p => p.Count > 0).Select(p => ((IReadOnlyList<string>)p, Sound(p))).ToList())
        .ToList();

    private static T Boosted<T>(T query, float boost)
        where T : Query
    {
        query.Boost = boost;
        return query;
    }
}
