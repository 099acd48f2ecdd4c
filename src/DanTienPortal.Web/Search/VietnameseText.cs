using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DanTienPortal.Web.Search;

/// <summary>
/// Vietnamese text as search needs it: one Unicode form and one tone placement, folded to plain
/// letters, with the common regional spelling confusions merged, and keyboard leftovers decoded.
/// </summary>
public static partial class VietnameseText
{
    // Old and new tone placement both occur (hòa/hoà, thủy/thuỷ, khỏe/khoẻ). In an open syllable
    // "oa", "oe", "uy" the portal keeps the tone on the first vowel, as most official texts do.
    private static readonly Dictionary<string, string> TonePlacement = BuildTonePlacement();

    /// <summary>
    /// NFC and one tone placement, keeping case; the length of the text does not change, so
    /// offsets found in the normalised text hold in the stored one.
    /// </summary>
    public static string Normalize(string text)
    {
        var nfc = text.Normalize(NormalizationForm.FormC);
        return OpenSyllable().Replace(nfc, m => TonePlacement.TryGetValue(m.Value, out var moved) ? moved : m.Value);
    }

    /// <summary>
    /// Without diacritics: "Đăng ký khai sinh" → "dang ky khai sinh". Character for character, so
    /// a position in the folded text is the same position in the original (NFC) text.
    /// </summary>
    public static string Fold(string text)
    {
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return string.Create(nfc.Length, nfc, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = FoldChar(source[i]);
            }
        });
    }

    /// <summary>One letter without its marks (ấ → a, Đ → D); other characters unchanged.</summary>
    public static char FoldChar(char c) => c < FoldTable.Length ? FoldTable[c] : c;

    // Every letter up to the Latin Extended Additional block (where Vietnamese letters live), folded once.
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[0x2000];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            var decomposed = char.IsSurrogate(c) ? c.ToString() : c.ToString().Normalize(NormalizationForm.FormD);
            var letters = decomposed.Where(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark).ToArray();
            table[i] = c switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                _ when letters.Length == 1 => letters[0],
                _ => c,
            };
        }

        return table;
    }

    public static bool HasDiacritics(string text) => Fold(text) != text.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// A folded syllable with the regional confusions merged (d/gi/r, s/x, ch/tr, l/n, final
    /// ng/n and c/t, y/i), so that "xổ đỏ", "chứng thựt" and "dăng ký" still meet their words.
    /// </summary>
    public static string Phonetic(string foldedSyllable)
    {
        var s = foldedSyllable;
        if (s.StartsWith("gi", StringComparison.Ordinal) && s.Length > 2)
        {
            s = "d" + s[2..];
        }
        else if (s.StartsWith('r'))
        {
            s = "d" + s[1..];
        }
        else if (s.StartsWith("tr", StringComparison.Ordinal))
        {
            s = "ch" + s[2..];
        }
        else if (s.StartsWith('s'))
        {
            s = "x" + s[1..];
        }
        else if (s.StartsWith('l'))
        {
            s = "n" + s[1..];
        }

        if (s.EndsWith("ng", StringComparison.Ordinal) && s.Length > 2)
        {
            s = s[..^1];
        }
        else if (s.EndsWith('c') && s.Length > 1 && !s.EndsWith("ch", StringComparison.Ordinal))
        {
            s = s[..^1] + "t";
        }

        return s.Replace('y', 'i');
    }

    /// <summary>
    /// What a syllable typed with the input method switched off would be, folded: Telex
    /// ("thur" → "thu", "tucj" → "tuc", "ddaats" → "dat") or VNI ("thu3" → "thu", "tu5c" → "tuc").
    /// Null when the token carries no such marks.
    /// </summary>
    public static string? DecodeInputMethod(string folded)
    {
        if (folded.Length < 2)
        {
            return null;
        }

        // VNI: digits 1–9 stand for tones and vowel marks, anywhere in the syllable.
        if (folded.Any(char.IsAsciiDigit) && folded.Any(char.IsAsciiLetter))
        {
            var stripped = new string(folded.Where(c => !char.IsAsciiDigit(c)).ToArray());
            return stripped.Length > 0 && stripped != folded ? stripped : null;
        }

        // Telex: a tone key (s f r x j) after the syllable, doubled vowels and dd, w for horns and breves.
        var decoded = folded;
        if (decoded.Length > 2 && "sfrxj".Contains(decoded[^1], StringComparison.Ordinal) && ContainsVowel(decoded[..^1]))
        {
            decoded = decoded[..^1];
        }

        decoded = TelexMarks().Replace(decoded, m => m.Value[..1]);
        decoded = decoded.Replace("w", "", StringComparison.Ordinal);
        return decoded != folded && decoded.Length > 0 ? decoded : null;
    }

    private static bool ContainsVowel(string s) => s.Any(c => "aeiouy".Contains(c, StringComparison.Ordinal));

    private static Dictionary<string, string> BuildTonePlacement()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // Each vowel with its five tones: huyền, sắc, hỏi, ngã, nặng.
        var tones = new Dictionary<char, string> { ['a'] = "àáảãạ", ['e'] = "èéẻẽẹ", ['o'] = "òóỏõọ", ['u'] = "ùúủũụ", ['y'] = "ỳýỷỹỵ", ['i'] = "ìíỉĩị" };
        foreach (var (first, second) in new[] { ('o', 'a'), ('o', 'e'), ('u', 'y') })
        {
            for (var t = 0; t < 5; t++)
            {
                map[$"{first}{tones[second][t]}"] = $"{tones[first][t]}{second}";
            }
        }

        return map;
    }

    // "oa/oe/uy" with the tone on the second vowel, ending the syllable (no consonant after).
    [GeneratedRegex(@"(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex OpenSyllable();

    [GeneratedRegex("aa|ee|oo|dd", RegexOptions.CultureInvariant)]
    private static partial Regex TelexMarks();
}
