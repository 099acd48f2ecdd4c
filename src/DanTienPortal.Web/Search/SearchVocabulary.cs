namespace DanTienPortal.Web.Search;

/// <summary>
/// The folded syllables of the indexed documents with their document frequency and the accented
/// form seen most, for decoding keyboard leftovers, typo candidates and "did you mean".
/// </summary>
public sealed class SearchVocabulary
{
    private readonly Dictionary<string, int> _frequency;
    private readonly Dictionary<string, string> _display;
    private readonly ILookup<string, string> _byPhonetic;

    private SearchVocabulary(Dictionary<string, int> frequency, Dictionary<string, string> display, int documentCount)
    {
        DocumentCount = documentCount;
        _frequency = frequency;
        _display = display;
        _byPhonetic = frequency.Keys.ToLookup(VietnameseText.Phonetic, StringComparer.Ordinal);
    }

    public static SearchVocabulary Empty { get; } = Build([]);

    public int Count => _frequency.Count;

    public int DocumentCount { get; }

    public static SearchVocabulary Build(IEnumerable<SearchDocument> documents)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentCount = 0;
        var forms = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var text = VietnameseText.Normalize($"{document.Title} {document.Keywords} {document.Body}");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            documentCount++;
            foreach (var exact in VietnameseAnalyzers.Tokens(VietnameseAnalyzers.Exact, text))
            {
                var folded = VietnameseText.Fold(exact);
                if (seen.Add(folded))
                {
                    frequency[folded] = frequency.GetValueOrDefault(folded) + 1;
                }

                var byForm = forms.TryGetValue(folded, out var f) ? f : forms[folded] = new Dictionary<string, int>(StringComparer.Ordinal);
                byForm[exact] = byForm.GetValueOrDefault(exact) + 1;
            }
        }

        var display = forms.ToDictionary(kv => kv.Key, kv => kv.Value.MaxBy(f => f.Value).Key, StringComparer.Ordinal);
        return new SearchVocabulary(frequency, display, documentCount);
    }

    public bool Contains(string folded) => _frequency.ContainsKey(folded);

    public int Frequency(string folded) => _frequency.GetValueOrDefault(folded);

    /// <summary>
    /// Whether another syllable that sounds the same in some region is used by more pages: then a
    /// citizen who typed this one ("luôi", "xổ") may well mean that one ("nuôi", "sổ").
    /// </summary>
    public bool HasCommonerSoundAlike(string folded) =>
        _byPhonetic[VietnameseText.Phonetic(folded)].Any(other => other != folded && Frequency(other) > Frequency(folded));

    /// <summary>The accented form most documents use for a folded syllable.</summary>
    public string Display(string folded) => _display.GetValueOrDefault(folded, folded);

    /// <summary>
    /// The likeliest intended syllable for one that no document contains: same sound after the
    /// regional merges, else one or two edits away; the most frequent wins.
    /// </summary>
    public string? Correct(string folded)
    {
        if (Contains(folded))
        {
            return folded;
        }

        var phonetic = _byPhonetic[VietnameseText.Phonetic(folded)].MaxBy(Frequency);
        if (phonetic is not null)
        {
            return phonetic;
        }

        // One edit for a short syllable, two from six letters: more would turn nonsense into words.
        if (folded.Length < 3)
        {
            return null;
        }

        var maxEdits = folded.Length >= 6 ? 2 : 1;
        return _frequency.Keys
            .Where(term => Math.Abs(term.Length - folded.Length) <= maxEdits)
            .Select(term => (term, distance: EditDistance(term, folded)))
            .Where(x => x.distance <= maxEdits)
            .OrderBy(x => x.distance)
            .ThenByDescending(x => Frequency(x.term))
            .Select(x => x.term)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
