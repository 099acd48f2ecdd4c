using DanTienPortal.Web.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DanTienPortal.Web.Search;

/// <summary>One syllable of a query: as typed (normalised) and folded.</summary>
public sealed record QueryToken(string Exact, string Folded, bool InVocabulary);

/// <summary>
/// A citizen's query understood: its syllables (keyboard leftovers decoded), the synonyms it
/// calls in, and the Lucene query that ranks exact matches over folded, folded over phonetic
/// and fuzzy ones, with two-syllable shingles rewarding words kept together.
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

            tokens.Add(new QueryToken(exact, folded, vocabulary.Contains(folded)));
        }

        return new ParsedQuery(tokens, ExpandSynonyms(tokens, settings));
    }

    /// <summary>Folded syllables of a phrase, as the index sees them.</summary>
    public static List<string> FoldedTokens(string phrase) =>
        VietnameseAnalyzers.Tokens(VietnameseAnalyzers.FoldedSyllables, VietnameseText.Normalize(phrase));

    public Query ToLucene()
    {
        var required = new BooleanQuery();
        foreach (var token in ContentTokens)
        {
            required.Add(Alternatives(token), Occur.SHOULD);
        }

        var n = ContentTokens.Count;
        required.MinimumNumberShouldMatch = n - (n / 3);

        var anyMeaning = new BooleanQuery(disableCoord: true) { { required, Occur.SHOULD } };
        foreach (var phrase in Synonyms)
        {
            anyMeaning.Add(PhraseAnywhere(phrase, 0.9f), Occur.SHOULD);
        }

        anyMeaning.MinimumNumberShouldMatch = 1;
        var query = new BooleanQuery { { anyMeaning, Occur.MUST } };
        for (var i = 0; i + 1 < Tokens.Count; i++)
        {
            var bigram = $"{Tokens[i].Folded} {Tokens[i + 1].Folded}";
            query.Add(Boosted(new TermQuery(new Term("title" + VietnameseAnalyzers.Shingles, bigram)), 6), Occur.SHOULD);
            query.Add(Boosted(new TermQuery(new Term("keywords" + VietnameseAnalyzers.Shingles, bigram)), 5), Occur.SHOULD);
            query.Add(Boosted(new TermQuery(new Term("body" + VietnameseAnalyzers.Shingles, bigram)), 2), Occur.SHOULD);
        }

        return query;
    }

    /// <summary>The terms to highlight in a body: every folded syllable the query looks for.</summary>
    public Query HighlightQuery()
    {
        var query = new BooleanQuery();
        foreach (var term in Tokens.Select(t => t.Folded).Concat(Synonyms.SelectMany(s => s)).Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term("body" + VietnameseAnalyzers.Folded, term)), Occur.SHOULD);
        }

        return query;
    }

    private static DisjunctionMaxQuery Alternatives(QueryToken token)
    {
        var alternatives = new DisjunctionMaxQuery(0.1f)
        {
            Boosted(new TermQuery(new Term("title", token.Exact)), 8),
            Boosted(new TermQuery(new Term("keywords", token.Exact)), 6),
            Boosted(new TermQuery(new Term("body", token.Exact)), 1.5f),
            Boosted(new TermQuery(new Term("title" + VietnameseAnalyzers.Folded, token.Folded)), 5),
            Boosted(new TermQuery(new Term("keywords" + VietnameseAnalyzers.Folded, token.Folded)), 4),
            Boosted(new TermQuery(new Term("body" + VietnameseAnalyzers.Folded, token.Folded)), 1),
        };

        var phonetic = VietnameseText.Phonetic(token.Folded);
        alternatives.Add(Boosted(new TermQuery(new Term("title" + VietnameseAnalyzers.Phonetic, phonetic)), 1.5f));
        alternatives.Add(Boosted(new TermQuery(new Term("keywords" + VietnameseAnalyzers.Phonetic, phonetic)), 1.2f));
        if (!token.InVocabulary)
        {
            alternatives.Add(Boosted(new TermQuery(new Term("body" + VietnameseAnalyzers.Phonetic, phonetic)), 0.5f));

            // Typo tolerance for syllables no document has: one edit from four letters, two from eight.
            if (token.Folded.Length >= 4)
            {
                var edits = token.Folded.Length >= 8 ? 2 : 1;
                alternatives.Add(Boosted(new FuzzyQuery(new Term("title" + VietnameseAnalyzers.Folded, token.Folded), edits, 1), 2));
                alternatives.Add(Boosted(new FuzzyQuery(new Term("keywords" + VietnameseAnalyzers.Folded, token.Folded), edits, 1), 1.5f));
                alternatives.Add(Boosted(new FuzzyQuery(new Term("body" + VietnameseAnalyzers.Folded, token.Folded), edits, 1), 0.4f));
            }
        }

        return alternatives;
    }

    private static BooleanQuery PhraseAnywhere(IReadOnlyList<string> folded, float boost)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var (field, weight) in new[] { ("title", 5f), ("keywords", 4f), ("body", 1f) })
        {
            var phrase = new PhraseQuery();
            foreach (var term in folded)
            {
                phrase.Add(new Term(field + VietnameseAnalyzers.Folded, term));
            }

            any.Add(Boosted(phrase, weight * boost), Occur.SHOULD);
        }

        return any;
    }

    /// <summary>
    /// The other phrases of every synonym group that the query contains a phrase of, compared by
    /// sound so that "xổ đỏ" still calls in "giấy chứng nhận quyền sử dụng đất".
    /// </summary>
    private static List<IReadOnlyList<string>> ExpandSynonyms(List<QueryToken> tokens, SearchSettings settings)
    {
        static string Sound(IEnumerable<string> folded) => $" {string.Join(' ', folded.Select(VietnameseText.Phonetic))} ";

        var query = Sound(tokens.Select(t => t.Folded));
        var expansions = new List<IReadOnlyList<string>>();
        foreach (var group in settings.Synonyms)
        {
            var phrases = group.Select(FoldedTokens).Where(p => p.Count > 0).ToList();
            var contained = phrases.Select(p => query.Contains(Sound(p), StringComparison.Ordinal)).ToList();
            if (contained.Contains(true))
            {
                expansions.AddRange(phrases.Where((_, i) => !contained[i]));
            }
        }

        return expansions;
    }

    private static T Boosted<T>(T query, float boost)
        where T : Query
    {
        query.Boost = boost;
        return query;
    }
}
