using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DanTienPortal.Web.Search;

/// <summary>
/// The analysis chains of the index. Text reaches them already normalised by
/// <see cref="VietnameseText.Normalize"/>; each field family then keeps one view of it:
/// exact syllables, folded syllables, folded two-syllable shingles, and phonetic syllables.
/// </summary>
public static class VietnameseAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Field-name suffixes of the views.</summary>
    public const string Folded = "_f";
    public const string Shingles = "_s";
    public const string Phonetic = "_p";

    public static Analyzer Exact { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(source, new LowerCaseFilter(Version, source));
    });

    public static Analyzer FoldedSyllables { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)));
    });

    public static Analyzer FoldedShingles { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        var shingles = new ShingleFilter(new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)), 2, 2);
        shingles.SetOutputUnigrams(false);
        return new TokenStreamComponents(source, shingles);
    });

    public static Analyzer PhoneticSyllables { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(source, new PhoneticFilter(new ASCIIFoldingFilter(new LowerCaseFilter(Version, source))));
    });

    /// <summary>The analyzer for a field, chosen by its suffix.</summary>
    public static Analyzer ForField(string field) => field switch
    {
        _ when field.EndsWith(Folded, StringComparison.Ordinal) => FoldedSyllables,
        _ when field.EndsWith(Shingles, StringComparison.Ordinal) => FoldedShingles,
        _ when field.EndsWith(Phonetic, StringComparison.Ordinal) => PhoneticSyllables,
        _ => Exact,
    };

    public static Analyzer PerField { get; } = new PerFieldAnalyzer();

    /// <summary>The tokens an analyzer makes of a text.</summary>
    public static List<string> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    private sealed class PerFieldAnalyzer() : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
    {
        protected override Analyzer GetWrappedAnalyzer(string fieldName) => ForField(fieldName);
    }

    /// <summary>Replaces each folded syllable with its <see cref="VietnameseText.Phonetic"/> form.</summary>
    private sealed class PhoneticFilter : TokenFilter
    {
        private readonly ICharTermAttribute _term;

        public PhoneticFilter(TokenStream input)
            : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            var phonetic = VietnameseText.Phonetic(_term.ToString());
            _term.SetEmpty().Append(phonetic);
            return true;
        }
    }
}
